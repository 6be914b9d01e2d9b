// Port of org.apache.lucene.analysis.en.PorterStemmer (Lucene 9.12.3) as used by PorterStemFilter:
// Porter, 1980, "An algorithm for suffix stripping", Release 3 with Lucene's bug fixes 1 and 2.
// Works on UTF-16 code units like the Java original; any unit other than a, e, i, o, u (and y after a
// consonant) is a consonant.

/** Stems one lower-cased English word. */
export function porterStem(word) {
  return new PorterStemmer(word).stem();
}

class PorterStemmer {
  constructor(word) {
    this.b = word.split('');
    this.i = this.b.length;
    this.j = 0;
    this.k = 0;
    this.k0 = 0;
  }

  /** cons(i) is true <=> b[i] is a consonant. */
  cons(i) {
    switch (this.b[i]) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
        return false;
      case 'y':
        return i === this.k0 ? true : !this.cons(i - 1);
      default:
        return true;
    }
  }

  /** The number of consonant sequences between k0 and j. */
  m() {
    let n = 0;
    let i = this.k0;
    for (;;) {
      if (i > this.j) return n;
      if (!this.cons(i)) break;
      i++;
    }
    i++;
    for (;;) {
      for (;;) {
        if (i > this.j) return n;
        if (this.cons(i)) break;
        i++;
      }
      i++;
      n++;
      for (;;) {
        if (i > this.j) return n;
        if (!this.cons(i)) break;
        i++;
      }
      i++;
    }
  }

  /** Whether k0..j contains a vowel. */
  vowelinstem() {
    for (let i = this.k0; i <= this.j; i++) if (!this.cons(i)) return true;
    return false;
  }

  /** Whether j, j-1 hold a double consonant. */
  doublec(j) {
    if (j < this.k0 + 1) return false;
    if (this.b[j] !== this.b[j - 1]) return false;
    return this.cons(j);
  }

  /** Whether i-2, i-1, i is consonant-vowel-consonant and the second consonant is not w, x or y. */
  cvc(i) {
    if (i < this.k0 + 2 || !this.cons(i) || this.cons(i - 1) || !this.cons(i - 2)) return false;
    const ch = this.b[i];
    return !(ch === 'w' || ch === 'x' || ch === 'y');
  }

  ends(s) {
    const l = s.length;
    const o = this.k - l + 1;
    if (o < this.k0) return false;
    for (let i = 0; i < l; i++) if (this.b[o + i] !== s[i]) return false;
    this.j = this.k - l;
    return true;
  }

  /** Sets (j+1)..k to s, readjusting k. */
  setto(s) {
    const l = s.length;
    const o = this.j + 1;
    for (let i = 0; i < l; i++) this.b[o + i] = s[i];
    this.k = this.j + l;
  }

  r(s) {
    if (this.m() > 0) this.setto(s);
  }

  /** Plurals and -ed or -ing. */
  step1() {
    const b = this.b;
    if (b[this.k] === 's') {
      if (this.ends('sses')) this.k -= 2;
      else if (this.ends('ies')) this.setto('i');
      else if (b[this.k - 1] !== 's') this.k--;
    }
    if (this.ends('eed')) {
      if (this.m() > 0) this.k--;
    } else if ((this.ends('ed') || this.ends('ing')) && this.vowelinstem()) {
      this.k = this.j;
      if (this.ends('at')) this.setto('ate');
      else if (this.ends('bl')) this.setto('ble');
      else if (this.ends('iz')) this.setto('ize');
      else if (this.doublec(this.k)) {
        const ch = b[this.k--];
        if (ch === 'l' || ch === 's' || ch === 'z') this.k++;
      } else if (this.m() === 1 && this.cvc(this.k)) this.setto('e');
    }
  }

  /** Terminal y to i when there is another vowel in the stem. */
  step2() {
    if (this.ends('y') && this.vowelinstem()) this.b[this.k] = 'i';
  }

  /** Double suffixes to single ones. */
  step3() {
    if (this.k === this.k0) return; /* For Bug 1 */
    switch (this.b[this.k - 1]) {
      case 'a':
        if (this.ends('ational')) return this.r('ate');
        if (this.ends('tional')) return this.r('tion');
        return;
      case 'c':
        if (this.ends('enci')) return this.r('ence');
        if (this.ends('anci')) return this.r('ance');
        return;
      case 'e':
        if (this.ends('izer')) return this.r('ize');
        return;
      case 'l':
        if (this.ends('bli')) return this.r('ble');
        if (this.ends('alli')) return this.r('al');
        if (this.ends('entli')) return this.r('ent');
        if (this.ends('eli')) return this.r('e');
        if (this.ends('ousli')) return this.r('ous');
        return;
      case 'o':
        if (this.ends('ization')) return this.r('ize');
        if (this.ends('ation')) return this.r('ate');
        if (this.ends('ator')) return this.r('ate');
        return;
      case 's':
        if (this.ends('alism')) return this.r('al');
        if (this.ends('iveness')) return this.r('ive');
        if (this.ends('fulness')) return this.r('ful');
        if (this.ends('ousness')) return this.r('ous');
        return;
      case 't':
        if (this.ends('aliti')) return this.r('al');
        if (this.ends('iviti')) return this.r('ive');
        if (this.ends('biliti')) return this.r('ble');
        return;
      case 'g':
        if (this.ends('logi')) return this.r('log');
        return;
    }
  }

  /** -ic-, -full, -ness etc. */
  step4() {
    switch (this.b[this.k]) {
      case 'e':
        if (this.ends('icate')) return this.r('ic');
        if (this.ends('ative')) return this.r('');
        if (this.ends('alize')) return this.r('al');
        return;
      case 'i':
        if (this.ends('iciti')) return this.r('ic');
        return;
      case 'l':
        if (this.ends('ical')) return this.r('ic');
        if (this.ends('ful')) return this.r('');
        return;
      case 's':
        if (this.ends('ness')) return this.r('');
        return;
    }
  }

  /** -ant, -ence etc. in context <c>vcvc<v>. */
  step5() {
    if (this.k === this.k0) return; /* for Bug 1 */
    if (!this.step5Ends()) return;
    if (this.m() > 1) this.k = this.j;
  }

  step5Ends() {
    switch (this.b[this.k - 1]) {
      case 'a':
        return this.ends('al');
      case 'c':
        return this.ends('ance') || this.ends('ence');
      case 'e':
        return this.ends('er');
      case 'i':
        return this.ends('ic');
      case 'l':
        return this.ends('able') || this.ends('ible');
      case 'n':
        return this.ends('ant') || this.ends('ement') || this.ends('ment') || this.ends('ent');
      case 'o':
        /* j >= 0 fixes Bug 2 */
        if (this.ends('ion') && this.j >= 0 && (this.b[this.j] === 's' || this.b[this.j] === 't')) return true;
        return this.ends('ou');
      case 's':
        return this.ends('ism');
      case 't':
        return this.ends('ate') || this.ends('iti');
      case 'u':
        return this.ends('ous');
      case 'v':
        return this.ends('ive');
      case 'z':
        return this.ends('ize');
      default:
        return false;
    }
  }

  /** Removes a final -e if m() > 1, and -ll to -l. */
  step6() {
    this.j = this.k;
    if (this.b[this.k] === 'e') {
      const a = this.m();
      if (a > 1 || (a === 1 && !this.cvc(this.k - 1))) this.k--;
    }
    if (this.b[this.k] === 'l' && this.doublec(this.k) && this.m() > 1) this.k--;
  }

  stem() {
    this.k = this.i - 1;
    this.k0 = 0;
    if (this.k > this.k0 + 1) {
      this.step1();
      this.step2();
      this.step3();
      this.step4();
      this.step5();
      this.step6();
    }
    return this.b.slice(0, this.k + 1).join('');
  }
}
