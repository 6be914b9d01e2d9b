package io.bpacat.index;

import java.io.IOException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.tartarus.snowball.SnowballStemmer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;

/**
 * The analysis chain of one language, built from Lucene's parts and kept simple enough that the browser's search
 * module ({@code site-templates/js/search/analysis.js}) reproduces it token for token:
 * <ol>
 *   <li>{@link WordTokenizer}: runs of letters, digits and marks, lower-cased per code point; a run of CJK
 *       characters (Han, Hiragana, Katakana, Hangul) is its own run and becomes overlapping bigrams (a lone
 *       character stays a unigram), marked as keywords so no later filter changes them;</li>
 *   <li>Lucene's stop filter with the language's default stop set (exported as data for the browser);</li>
 *   <li>the language's Snowball stemmer as Lucene ships it (what {@link SnowballFilter} runs; the browser runs
 *       the same stemmers converted to JavaScript, {@code site-templates/js/search/stemmers/});</li>
 *   <li>{@link #fold}: accents folded (NFD, combining marks dropped, a few letters spelled out).</li>
 * </ol>
 * Steps 3 and 4 run in one {@link StemFoldFilter} that remembers the words it has seen: a site's text repeats a
 * small vocabulary, and stemming each occurrence again was a tenth of a site build.
 * Languages without a stemmer here get steps 1, 2 (when Lucene has a stop set) and 4.
 */
public final class SearchAnalyzer extends Analyzer {
    /** Languages with stemming and stop words, by primary language subtag. */
    public static final Map<String, CharArraySet> STOP_SETS = Map.of(
            "en", EnglishAnalyzer.getDefaultStopSet(),
            "it", ItalianAnalyzer.getDefaultStopSet(),
            "de", GermanAnalyzer.getDefaultStopSet(),
            "fr", FrenchAnalyzer.getDefaultStopSet(),
            "es", SpanishAnalyzer.getDefaultStopSet(),
            "pt", PortugueseAnalyzer.getDefaultStopSet());

    private static final Map<String, Supplier<SnowballStemmer>> STEMMERS = Map.of(
            "en", EnglishStemmer::new,
            "it", ItalianStemmer::new,
            "de", GermanStemmer::new,
            "fr", FrenchStemmer::new,
            "es", SpanishStemmer::new,
            "pt", PortugueseStemmer::new);

    private final String language;

    /** @param locale a BCP 47 locale; its primary language picks the chain */
    public SearchAnalyzer(String locale) {
        this.language = language(locale);
    }

    /** The primary language subtag used to pick a chain ({@code it-IT} → {@code it}). */
    public static String language(String locale) {
        String l = locale.toLowerCase(Locale.ROOT);
        int dash = l.indexOf('-');
        return dash < 0 ? l : l.substring(0, dash);
    }

    public String language() {
        return language;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new WordTokenizer();
        TokenStream ts = source;
        CharArraySet stops = STOP_SETS.get(language);
        if (stops != null) {
            ts = new StopFilter(ts, stops);
        }
        Supplier<SnowballStemmer> stemmer = STEMMERS.get(language);
        return new TokenStreamComponents(source, new StemFoldFilter(ts, language, stemmer == null ? null : stemmer.get()));
    }

    /**
     * The words of a text as typed, before stop words and stemming: tokenized, lower-cased and folded (CJK runs as
     * bigrams). Search uses the last one for prefix matching.
     */
    public static java.util.List<String> rawWords(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (WordTokenizer t = new WordTokenizer()) {
            t.setReader(new java.io.StringReader(text));
            t.reset();
            CharTermAttribute term = t.getAttribute(CharTermAttribute.class);
            KeywordAttribute kw = t.getAttribute(KeywordAttribute.class);
            while (t.incrementToken()) {
                out.add(kw.isKeyword() ? term.toString() : fold(term.toString()));
            }
            t.end();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** The analyzed terms of a text, in order, with repeats. */
    public java.util.List<String> terms(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (TokenStream ts = tokenStream("body", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** Whether a code point belongs to a script searched by bigrams. */
    static boolean isCjk(int cp) {
        if (cp < 0x1100) {
            return false; // below Hangul Jamo: no script searched by bigrams
        }
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }

    static boolean isWordChar(int cp) {
        if (cp < 0x80) {
            return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9';
        }
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    /**
     * Splits text into words: maximal runs of word characters, a CJK run apart from the others. Lower-cases per
     * code point ({@link Character#toLowerCase(int)}). CJK runs become bigrams, typed {@code <CJK>} and keywords.
     */
    static final class WordTokenizer extends Tokenizer {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private final TypeAttribute type = addAttribute(TypeAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
        private String text;
        private int pos;
        private int cjkStart = -1;
        private int cjkEnd;
        private int cjkNext;

        @Override
        public boolean incrementToken() throws IOException {
            clearAttributes();
            if (text == null) {
                text = readAll();
                pos = 0;
            }
            if (cjkStart >= 0 && emitBigram()) {
                return true;
            }
            while (pos < text.length()) {
                int cp = text.codePointAt(pos);
                if (!isWordChar(cp)) {
                    pos += Character.charCount(cp);
                    continue;
                }
                boolean cjk = isCjk(cp);
                int start = pos;
                while (pos < text.length()) {
                    int c = text.codePointAt(pos);
                    if (!isWordChar(c) || isCjk(c) != cjk) {
                        break;
                    }
                    pos += Character.charCount(c);
                }
                if (cjk) {
                    cjkStart = start;
                    cjkNext = start;
                    cjkEnd = pos;
                    return emitBigram();
                }
                emit(lower(text.substring(start, pos)), start, pos, "<WORD>");
                return true;
            }
            return false;
        }

        /** The next bigram of the current CJK run (or its only character). */
        private boolean emitBigram() {
            if (cjkNext >= cjkEnd) {
                cjkStart = -1;
                return false;
            }
            int first = text.codePointAt(cjkNext);
            int second = cjkNext + Character.charCount(first);
            boolean lone = cjkNext == cjkStart && second >= cjkEnd;
            if (!lone && second >= cjkEnd) {
                cjkStart = -1;
                return false;
            }
            int end = lone ? second : second + Character.charCount(text.codePointAt(second));
            emit(text.substring(cjkNext, end), cjkNext, end, "<CJK>");
            keyword.setKeyword(true);
            cjkNext = second;
            return true;
        }

        private void emit(String word, int start, int end, String kind) {
            term.setEmpty().append(word);
            offset.setOffset(correctOffset(start), correctOffset(end));
            type.setType(kind);
        }

        private static String lower(String s) {
            boolean plain = true;
            for (int i = 0; i < s.length() && plain; i++) {
                char c = s.charAt(i);
                plain = c < 0x80 && !(c >= 'A' && c <= 'Z');
            }
            if (plain) {
                return s;
            }
            StringBuilder b = new StringBuilder(s.length());
            s.codePoints().forEach(cp -> b.appendCodePoint(Character.toLowerCase(cp)));
            return b.toString();
        }

        private String readAll() throws IOException {
            StringBuilder b = new StringBuilder();
            char[] buf = new char[4096];
            for (int n; (n = input.read(buf)) > 0; ) {
                b.append(buf, 0, n);
            }
            return b.toString();
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            text = null;
            cjkStart = -1;
        }

        @Override
        public void end() throws IOException {
            super.end();
            int end = correctOffset(text == null ? 0 : text.length());
            offset.setOffset(end, end);
        }
    }

    /**
     * Stems (when the language has a stemmer) and folds each word that is not a keyword, remembering the result of
     * each word: the same output as Lucene's {@link SnowballFilter} followed by {@link #fold}. One instance
     * serves one thread (Lucene reuses an analyzer's components per thread); what a language's words became is
     * shared by all of them, so a rebuild in {@code bpacat serve} stems only new words.
     */
    static final class StemFoldFilter extends TokenFilter {
        private static final int MAX_WORDS = 100_000;
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
        /** Each language's words and what they became, shared by the threads and builds of one process. */
        private static final Map<String, Map<String, String>> SEEN = new ConcurrentHashMap<>();
        private final SnowballStemmer stemmer;
        private final Map<String, String> seen;

        StemFoldFilter(TokenStream in, String language, SnowballStemmer stemmer) {
            super(in);
            this.stemmer = stemmer;
            this.seen = SEEN.computeIfAbsent(language, l -> new ConcurrentHashMap<>());
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            if (!keyword.isKeyword()) {
                String word = term.toString();
                String out = seen.get(word);
                if (out == null) {
                    out = fold(stem(word));
                    if (seen.size() >= MAX_WORDS) {
                        seen.clear();
                    }
                    seen.put(word, out);
                }
                if (!out.contentEquals(term)) {
                    term.setEmpty().append(out);
                }
            }
            return true;
        }

        private String stem(String word) {
            if (stemmer == null) {
                return word;
            }
            stemmer.setCurrent(word);
            stemmer.stem();
            return stemmer.getCurrent();
        }
    }

    /** Folds accents: NFD, combining marks dropped, and ß, æ, œ, ø, đ, ð, þ, ł, ı spelled in ASCII. */
    static String fold(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            return s;
        }
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(d.length());
        d.codePoints().forEach(cp -> {
            int t = Character.getType(cp);
            if (t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK
                    || t == Character.ENCLOSING_MARK) {
                return;
            }
            switch (cp) {
                case 'ß' -> b.append("ss");
                case 'æ' -> b.append("ae");
                case 'œ' -> b.append("oe");
                case 'ø' -> b.append('o');
                case 'đ', 'ð' -> b.append('d');
                case 'þ' -> b.append("th");
                case 'ł' -> b.append('l');
                case 'ı' -> b.append('i');
                default -> b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
