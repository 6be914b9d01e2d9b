// The script of every page: each part starts only where its elements are.
import { initCatalog } from './catalog.js';
import { initCopyButtons } from './copy.js';
import { initPicker } from './picker.js';

const labels = document.body.dataset;
initPicker(document, window);
initCatalog(document, window);
initCopyButtons(document, { copy: labels.l10nCopy ?? 'Copy', copied: labels.l10nCopied ?? 'Copied' });
