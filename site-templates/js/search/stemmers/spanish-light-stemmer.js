// Port of org.apache.lucene.analysis.es.SpanishLightStemmer (Lucene 9.12.3): the light stemmer of
// Jacques Savoy's "Report on CLEF-2001 Experiments". Copyright (c) 2005, Jacques Savoy; BSD licence as in
// the Lucene source.

const PLAIN = {
  'à': 'a', 'á': 'a', 'â': 'a', 'ä': 'a',
  'ò': 'o', 'ó': 'o', 'ô': 'o', 'ö': 'o',
  'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e',
  'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u',
  'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i',
};

/** stem(char[] s, int len): rewrites s in place, returns the stem's length. */
export function spanishLightStem(s, len) {
  if (len < 5) return len;

  for (let i = 0; i < len; i++) {
    const plain = PLAIN[s[i]];
    if (plain !== undefined) s[i] = plain;
  }

  switch (s[len - 1]) {
    case 'o':
    case 'a':
    case 'e':
      return len - 1;
    case 's':
      if (s[len - 2] === 'e' && s[len - 3] === 's' && s[len - 4] === 'e') return len - 2;
      if (s[len - 2] === 'e' && s[len - 3] === 'c') {
        s[len - 3] = 'z';
        return len - 2;
      }
      if (s[len - 2] === 'o' || s[len - 2] === 'a' || s[len - 2] === 'e') return len - 2;
  }
  return len;
}
