// Adds a copy button to every code block of a page's content.

export function initCopyButtons(doc, labels) {
  for (const pre of doc.querySelectorAll('.content pre')) {
    const wrap = doc.createElement('div');
    wrap.className = 'code-block';
    pre.replaceWith(wrap);
    wrap.append(pre);
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = labels.copy;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(pre.textContent);
        button.textContent = labels.copied;
      } catch {
        const range = doc.createRange();
        range.selectNodeContents(pre);
        const sel = doc.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      }
      setTimeout(() => { button.textContent = labels.copy; }, 2000);
    });
    wrap.prepend(button);
  }
}
