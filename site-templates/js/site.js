// The script of every page: each part starts only where its elements are.
import { initCatalog } from './catalog.js';
import { initCopyButtons } from './copy.js';
import { initPicker } from './picker.js';

const labels = document.body.dataset;
initPicker(document, window);
initCatalog(document, window);
initCopyButtons(document, { copy: labels.l10nCopy ?? 'Copy', copied: labels.l10nCopied ?? 'Copied' });

// Search loads on demand: at once on the search page, else when the reader first reaches the header box.
let search = null;
const loadSearch = () => {
  search ??= import('./search/ui.js').then((m) => m.initSearch(document, window));
  return search;
};
if (document.querySelector('[data-search-page]')) {
  loadSearch();
} else {
  const box = document.getElementById('bpa-q');
  box?.addEventListener('focus', loadSearch, { once: true });
  box?.addEventListener('input', loadSearch, { once: true });
}

// The validator page loads its module at once (it is the page's purpose); no other page loads it.
if (document.querySelector('[data-try-page]')) {
  import('./check/try.js').then((m) => m.initTry(document, window));
}
