// Port of org.apache.lucene.analysis.pt.PortugueseLightStemmer (Lucene 9.12.3): the "UniNE" algorithm of
// Jacques Savoy, "Light Stemming Approaches for the French, Portuguese, German and Hungarian Languages".
// Copyright (c) 2005, Jacques Savoy; BSD licence as in the Lucene source.
import { endsWith } from './stemmer-util.js';

const PLAIN = {
  'à': 'a', 'á': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a',
  'ò': 'o', 'ó': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o',
  'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e',
  'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u',
  'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i',
  'ç': 'c',
};

/** stem(char[] s, int len): rewrites s in place, returns the stem's length. */
export function portugueseLightStem(s, len) {
  if (len < 4) return len;

  len = removeSuffix(s, len);

  if (len > 3 && s[len - 1] === 'a') len = normFeminine(s, len);

  if (len > 4) {
    switch (s[len - 1]) {
      case 'e':
      case 'a':
      case 'o':
        len--;
        break;
    }
  }

  for (let i = 0; i < len; i++) {
    const plain = PLAIN[s[i]];
    if (plain !== undefined) s[i] = plain;
  }
  return len;
}

function removeSuffix(s, len) {
  if (len > 4 && endsWith(s, len, 'es')) {
    switch (s[len - 3]) {
      case 'r':
      case 's':
      case 'l':
      case 'z':
        return len - 2;
    }
  }

  if (len > 3 && endsWith(s, len, 'ns')) {
    s[len - 2] = 'm';
    return len - 1;
  }

  if (len > 4 && (endsWith(s, len, 'eis') || endsWith(s, len, 'éis'))) {
    s[len - 3] = 'e';
    s[len - 2] = 'l';
    return len - 1;
  }

  if (len > 4 && endsWith(s, len, 'ais')) {
    s[len - 2] = 'l';
    return len - 1;
  }

  if (len > 4 && endsWith(s, len, 'óis')) {
    s[len - 3] = 'o';
    s[len - 2] = 'l';
    return len - 1;
  }

  if (len > 4 && endsWith(s, len, 'is')) {
    s[len - 1] = 'l';
    return len;
  }

  if (len > 3 && (endsWith(s, len, 'ões') || endsWith(s, len, 'ães'))) {
    len--;
    s[len - 2] = 'ã';
    s[len - 1] = 'o';
    return len;
  }

  if (len > 6 && endsWith(s, len, 'mente')) return len - 5;

  if (len > 3 && s[len - 1] === 's') return len - 1;
  return len;
}

function normFeminine(s, len) {
  if (len > 7 && (endsWith(s, len, 'inha') || endsWith(s, len, 'iaca') || endsWith(s, len, 'eira'))) {
    s[len - 1] = 'o';
    return len;
  }

  if (len > 6) {
    if (endsWith(s, len, 'osa') || endsWith(s, len, 'ica') || endsWith(s, len, 'ida')
        || endsWith(s, len, 'ada') || endsWith(s, len, 'iva') || endsWith(s, len, 'ama')) {
      s[len - 1] = 'o';
      return len;
    }

    if (endsWith(s, len, 'ona')) {
      s[len - 3] = 'ã';
      s[len - 2] = 'o';
      return len - 1;
    }

    if (endsWith(s, len, 'ora')) return len - 1;

    if (endsWith(s, len, 'esa')) {
      s[len - 3] = 'ê';
      return len - 1;
    }

    if (endsWith(s, len, 'na')) {
      s[len - 1] = 'o';
      return len;
    }
  }
  return len;
}
