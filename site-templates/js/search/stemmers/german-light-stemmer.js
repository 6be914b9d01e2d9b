// Port of org.apache.lucene.analysis.de.GermanLightStemmer (Lucene 9.12.3): the "UniNE" algorithm of
// Jacques Savoy, "Light Stemming Approaches for the French, Portuguese, German and Hungarian Languages".
// Copyright (c) 2005, Jacques Savoy; BSD licence as in the Lucene source.

const PLAIN = {
  'ä': 'a', 'à': 'a', 'á': 'a', 'â': 'a',
  'ö': 'o', 'ò': 'o', 'ó': 'o', 'ô': 'o',
  'ï': 'i', 'ì': 'i', 'í': 'i', 'î': 'i',
  'ü': 'u', 'ù': 'u', 'ú': 'u', 'û': 'u',
};

/** stem(char[] s, int len): rewrites s in place, returns the stem's length. */
export function germanLightStem(s, len) {
  for (let i = 0; i < len; i++) {
    const plain = PLAIN[s[i]];
    if (plain !== undefined) s[i] = plain;
  }
  return step2(s, step1(s, len));
}

function stEnding(ch) {
  switch (ch) {
    case 'b':
    case 'd':
    case 'f':
    case 'g':
    case 'h':
    case 'k':
    case 'l':
    case 'm':
    case 'n':
    case 't':
      return true;
    default:
      return false;
  }
}

function step1(s, len) {
  if (len > 5 && s[len - 3] === 'e' && s[len - 2] === 'r' && s[len - 1] === 'n') return len - 3;

  if (len > 4 && s[len - 2] === 'e') {
    switch (s[len - 1]) {
      case 'm':
      case 'n':
      case 'r':
      case 's':
        return len - 2;
    }
  }

  if (len > 3 && s[len - 1] === 'e') return len - 1;

  if (len > 3 && s[len - 1] === 's' && stEnding(s[len - 2])) return len - 1;

  return len;
}

function step2(s, len) {
  if (len > 5 && s[len - 3] === 'e' && s[len - 2] === 's' && s[len - 1] === 't') return len - 3;

  if (len > 4 && s[len - 2] === 'e' && (s[len - 1] === 'r' || s[len - 1] === 'n')) return len - 2;

  if (len > 4 && s[len - 2] === 's' && s[len - 1] === 't' && stEnding(s[len - 3])) return len - 2;

  return len;
}
