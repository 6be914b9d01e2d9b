// Port of org.apache.lucene.analysis.de.GermanNormalizationFilter (Lucene 9.12.3): the German2 snowball
// heuristics. 'ß' → 'ss'; 'ä', 'ö', 'ü' → 'a', 'o', 'u'; 'ae', 'oe' → 'a', 'o'; 'ue' → 'u' unless after a
// vowel or q. Like the Java filter it ignores the keyword flag.
import { deleteAt } from './stemmer-util.js';

const N = 0; /* ordinary state */
const V = 1; /* stops 'u' from entering umlaut state */
const U = 2; /* umlaut state, allows e-deletion */

/** Normalizes one term. */
export function germanNormalize(term) {
  const buffer = term.split('');
  let length = buffer.length;
  let state = N;
  for (let i = 0; i < length; i++) {
    const c = buffer[i];
    switch (c) {
      case 'a':
      case 'o':
        state = U;
        break;
      case 'u':
        state = state === N ? U : V;
        break;
      case 'e':
        if (state === U) length = deleteAt(buffer, i--, length);
        state = V;
        break;
      case 'i':
      case 'q':
      case 'y':
        state = V;
        break;
      case 'ä':
        buffer[i] = 'a';
        state = V;
        break;
      case 'ö':
        buffer[i] = 'o';
        state = V;
        break;
      case 'ü':
        buffer[i] = 'u';
        state = V;
        break;
      case 'ß':
        buffer[i++] = 's';
        buffer.splice(i, 0, 's');
        length++;
        state = N;
        break;
      default:
        state = N;
    }
  }
  return buffer.slice(0, length).join('');
}
