// Picks the reader's language among those a page is written in, taking the reader's languages in their order:
// for each, the same locale, else another locale of the same language. Pure: runs under node --test.

/**
 * @param preferred the browser's languages, best first (navigator.languages)
 * @param available the page's locales (BCP 47)
 * @param fallback  the locale to use when none matches
 */
export function pickLocale(preferred, available, fallback) {
  const lower = available.map((l) => l.toLowerCase());
  for (const p of preferred) {
    const exact = lower.indexOf(p.toLowerCase());
    if (exact >= 0) return available[exact];
    const lang = p.toLowerCase().split('-')[0];
    const sameLanguage = lower.findIndex((l) => l.split('-')[0] === lang);
    if (sameLanguage >= 0) return available[sameLanguage];
  }
  return fallback;
}
