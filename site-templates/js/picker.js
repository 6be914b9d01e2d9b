// rules/<id>/: go to the rule in the reader's language.
import { pickLocale } from './lang.js';

export function initPicker(doc, win) {
  const list = doc.getElementById('bpa-choices');
  if (!list) return;
  const links = [...list.querySelectorAll('a[data-locale]')];
  const locale = pickLocale([...(win.navigator.languages ?? [win.navigator.language])],
    links.map((a) => a.dataset.locale), list.dataset.fallback);
  const target = links.find((a) => a.dataset.locale === locale);
  if (target) win.location.replace(target.href);
}
