// Copy buttons of code blocks: one listener for a whole page, so the blocks the validator adds by the thousand cost
// no listener each. A block is `<div class="code-block"><button class="copy">…</button><pre>…</pre></div>`.

/** Wraps every code block of a page's content with a copy button, and makes every copy button of the page work. */
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
    wrap.prepend(button);
  }
  copyOnClick(doc, labels);
}

/**
 * Copies a block's text when its button inside `root` is clicked (blocks added later too); where the clipboard is
 * refused, selects the text instead, for the reader to copy. The button says so for two seconds.
 */
export function copyOnClick(root, labels) {
  const doc = root.ownerDocument ?? root;
  const win = doc.defaultView;
  root.addEventListener('click', async (event) => {
    const button = event.target instanceof win.Element ? event.target.closest('.code-block > button.copy') : null;
    const pre = button?.parentElement.querySelector(':scope > pre');
    if (!pre) return;
    try {
      await win.navigator.clipboard.writeText(pre.textContent);
      button.textContent = labels.copied;
    } catch {
      const range = doc.createRange();
      range.selectNodeContents(pre);
      const selection = doc.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    win.setTimeout(() => { button.textContent = labels.copy; }, 2000);
  });
}
