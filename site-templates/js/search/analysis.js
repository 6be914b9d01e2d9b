// The browser's copy of the Java analysis chain (io.bpacat.index.SearchAnalyzer), token for token:
//   1. word tokenizer: maximal runs of letters, digits and marks, lower-cased per code point; a run of
//      CJK characters (Han, Hiragana, Katakana, Hangul) is its own run and becomes overlapping bigrams
//      (a lone character stays a unigram), marked as keywords so no later step changes them;
//   2. the language's Lucene stop set (passed in as data: the Java build exports it);
//   3. the language's Snowball stemmer as Lucene 9.12.3 ships it (converted in ./stemmers), skipped for keywords;
//   4. accent folding (NFD, combining marks dropped, ß æ œ ø đ ð þ ł ı spelled out), skipped for keywords.
// Offsets are UTF-16 indexes into the input, like Lucene's OffsetAttribute.
// AnalysisParityTest (Java) runs this module through analyze-cli.mjs and compares every token.

import { snowballStemmer, SNOWBALL_LANGUAGES } from './stemmers/snowball.js';

/** The languages that have a stemmer here (SearchAnalyzer.STEMMERS: Lucene's Snowball stemmers). */
export const STEMMED_LANGUAGES = Object.freeze(Object.keys(SNOWBALL_LANGUAGES).sort());

/** The primary language subtag of a BCP 47 locale, as SearchAnalyzer.language(): `it-IT` → `it`. */
export function language(locale) {
  const l = String(locale).toLowerCase();
  const dash = l.indexOf('-');
  return dash < 0 ? l : l.substring(0, dash);
}

/**
 * The analyzer of one language, with its stemmer loaded (the stemmer modules load on first use).
 * @param {string} locale a language or BCP 47 locale; its primary subtag picks the stemmer
 * @param {Iterable<string>|null} [stopWords] the language's stop set, as exported by the Java build
 */
export async function loadAnalyzer(locale, stopWords) {
  return createAnalyzer(locale, stopWords, await snowballStemmer(language(locale)));
}

/**
 * The analyzer of one language.
 * @param {string} locale a language or BCP 47 locale
 * @param {Iterable<string>|null} [stopWords] the language's stop set, as exported by the Java build
 * @param {((word: string) => string)|null} [stem] the language's stemmer (see loadAnalyzer); none: no stemming
 * @returns {{language: string, tokens: (text: string) => {term: string, start: number, end: number}[],
 *            terms: (text: string) => string[], words: (text: string) => string[]}}
 */
export function createAnalyzer(locale, stopWords, stem = null) {
  const lang = language(locale);
  const stops = new Set(stopWords || []);

  function tokens(text) {
    const out = [];
    for (const token of tokenize(String(text))) {
      if (stops.has(token.term)) continue;
      let term = token.term;
      if (!token.keyword) {
        term = fold(stem ? stem(term) : term);
      }
      out.push({ term, start: token.start, end: token.end });
    }
    return out;
  }

  return Object.freeze({
    language: lang,
    tokens,
    terms: (text) => tokens(text).map((t) => t.term),
    words,
  });
}

/**
 * The words of a text as typed, before stop words and stemming: tokenized, lower-cased and folded (CJK runs as
 * bigrams), as SearchAnalyzer.rawWords; search uses the last one for prefix matching.
 */
export function words(text) {
  return tokenize(String(text)).map((t) => (t.keyword ? t.term : fold(t.term)));
}

const WORD = /[\p{L}\p{Nd}\p{M}]/uy;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/uy;
const MARK = /\p{M}/gu;
const SPELLED = /[ßæœøđðþłı]/g;
const SPELLING = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ł': 'l', 'ı': 'i' };

function test(re, cp) {
  re.lastIndex = 0;
  return re.test(String.fromCodePoint(cp));
}

/** SearchAnalyzer.isWordChar: Java's Character.isLetterOrDigit, or a mark (Mn, Mc, Me). */
export function isWordChar(cp) {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x30 && cp <= 0x39);
  return test(WORD, cp);
}

/** SearchAnalyzer.isCjk: the code point's script is Han, Hiragana, Katakana or Hangul. */
export function isCjk(cp) {
  if (cp < 0x1100) return false; // Hangul Jamo (U+1100) is the lowest of the four scripts
  if (cp === 0x16fe2 || cp === 0x16fe3) return false; // Han since Unicode 14; Common in Java 17 (Unicode 13)
  return test(CJK, cp);
}

/** Java's Character.toLowerCase(int): the simple (one code point) lower-case mapping. */
export function lowerCodePoint(cp) {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp;
  if (cp === 0x130) return 0x69; // İ: the full mapping is i + combining dot, the simple one is i
  const lower = String.fromCodePoint(cp).toLowerCase();
  const l = lower.codePointAt(0);
  return lower.length === (l > 0xffff ? 2 : 1) ? l : cp;
}

/** Lower-cases per code point, as the Java tokenizer does (no final-sigma rule, İ → i). */
export function lower(word) {
  if (!/[\u0130\u03a3]/.test(word)) return word.toLowerCase();
  let out = '';
  for (const ch of word) out += String.fromCodePoint(lowerCodePoint(ch.codePointAt(0)));
  return out;
}

/** SearchAnalyzer.FoldingFilter.fold: NFD, combining marks dropped, a few letters spelled in ASCII. */
export function fold(s) {
  if (!/[^\u0000-\u007f]/.test(s)) return s;
  return s.normalize('NFD').replace(MARK, '').replace(SPELLED, (c) => SPELLING[c]);
}

/**
 * SearchAnalyzer.WordTokenizer: words as {term, start, end, keyword}, before stop words, stemming and folding.
 */
export function tokenize(text) {
  const out = [];
  let pos = 0;
  while (pos < text.length) {
    const cp = text.codePointAt(pos);
    if (!isWordChar(cp)) {
      pos += charCount(cp);
      continue;
    }
    const cjk = isCjk(cp);
    const start = pos;
    while (pos < text.length) {
      const c = text.codePointAt(pos);
      if (!isWordChar(c) || isCjk(c) !== cjk) break;
      pos += charCount(c);
    }
    if (cjk) {
      bigrams(text, start, pos, out);
    } else {
      out.push({ term: lower(text.substring(start, pos)), start, end: pos, keyword: false });
    }
  }
  return out;
}

/** The overlapping bigrams of the CJK run text[start, end), or its only character. */
function bigrams(text, start, end, out) {
  for (let next = start; next < end;) {
    const second = next + charCount(text.codePointAt(next));
    if (second >= end) {
      if (next === start) out.push({ term: text.substring(next, second), start: next, end: second, keyword: true });
      return;
    }
    const stop = second + charCount(text.codePointAt(second));
    out.push({ term: text.substring(next, stop), start: next, end: stop, keyword: true });
    next = second;
  }
}

function charCount(cp) {
  return cp > 0xffff ? 2 : 1;
}
