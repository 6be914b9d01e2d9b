// The Snowball stemmers converted from Lucene 9.12.3 (org.tartarus.snowball.ext), by primary language subtag.
// Each module exports stem(word), which stems like Lucene's SnowballFilter with the same stemmer.

/**
 * Language subtag → the Lucene class a module was converted from, and a loader of the module (literal import()
 * paths, so a bundler can follow them).
 */
export const SNOWBALL_LANGUAGES = Object.freeze({
  de: { lucene: "org.tartarus.snowball.ext.GermanStemmer", load: () => import("./snowball-german.js") },
  en: { lucene: "org.tartarus.snowball.ext.EnglishStemmer", load: () => import("./snowball-english.js") },
  es: { lucene: "org.tartarus.snowball.ext.SpanishStemmer", load: () => import("./snowball-spanish.js") },
  fr: { lucene: "org.tartarus.snowball.ext.FrenchStemmer", load: () => import("./snowball-french.js") },
  it: { lucene: "org.tartarus.snowball.ext.ItalianStemmer", load: () => import("./snowball-italian.js") },
  pt: { lucene: "org.tartarus.snowball.ext.PortugueseStemmer", load: () => import("./snowball-portuguese.js") },
});

/**
 * The stem function of a language's Snowball stemmer, loaded on first use, or null when there is none.
 * @param {string} language primary language subtag, e.g. "it"
 * @returns {Promise<((word: string) => string) | null>}
 */
export async function snowballStemmer(language) {
  const entry = Object.hasOwn(SNOWBALL_LANGUAGES, language) ? SNOWBALL_LANGUAGES[language] : null;
  if (!entry) return null;
  const mod = await entry.load();
  return mod.stem;
}
