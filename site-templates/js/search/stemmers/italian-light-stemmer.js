// Port of org.apache.lucene.analysis.it.ItalianLightStemmer (Lucene 9.12.3): the light stemmer of
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
export function italianLightStem(s, len) {
  if (len < 6) return len;

  for (let i = 0; i < len; i++) {
    const plain = PLAIN[s[i]];
    if (plain !== undefined) s[i] = plain;
  }

  switch (s[len - 1]) {
    case 'e':
      return s[len - 2] === 'i' || s[len - 2] === 'h' ? len - 2 : len - 1;
    case 'i':
      return s[len - 2] === 'h' || s[len - 2] === 'i' ? len - 2 : len - 1;
    case 'a':
      return s[len - 2] === 'i' ? len - 2 : len - 1;
    case 'o':
      return s[len - 2] === 'i' ? len - 2 : len - 1;
  }
  return len;
}
