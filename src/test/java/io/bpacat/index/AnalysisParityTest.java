package io.bpacat.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.bpacat.TestPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The browser's analysis chain ({@code site-templates/js/search/analysis.js}, run by {@code analyze-cli.mjs} under
 * node) gives exactly the tokens of {@link SearchAnalyzer}: same terms, same offsets, same order, for every page of
 * the real corpus in its language, word lists for Spanish and Portuguese, CJK samples, edge cases and a grid of
 * every suffix the stemmers know. Skipped, saying why, when node is not on the PATH.
 */
class AnalysisParityTest {
    private static final Path CLI = Path.of("site-templates/js/search/analyze-cli.mjs");
    private static final Path DATA = Path.of("src/test/resources/analysis");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final List<String> STEMMED = List.of("en", "it", "de", "fr", "es", "pt");
    private static final int SHOWN = 20;

    record Token(String term, int start, int end) {
        @Override
        public String toString() {
            return "'" + term + "'@" + start + "-" + end;
        }
    }

    /** One text to analyze and where it came from, for messages. */
    record Sample(String source, String text) {
    }

    private static final String NODE = nodeVersion();

    @BeforeEach
    void needNode() {
        assumeTrue(NODE != null, "node not found on the PATH: JavaScript analysis parity not checked "
                + "(install Node.js, e.g. apt-get install nodejs, to run it)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-us", "it-it", "de-de", "fr-fr"})
    void corpusPagesAnalyzeAlike(String locale) throws IOException {
        Path folder = TestPaths.corpus().resolve(locale);
        assertTrue(Files.isDirectory(folder), "corpus locale missing: " + folder);
        List<Sample> pages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                pages.add(new Sample(folder.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        assertTrue(pages.size() >= 100, "expected the corpus' pages in " + folder + ", found " + pages.size());
        assertParity(locale, pages);
    }

    /** Every stemmer over every corpus language: foreign words reach branches a language's own pages miss. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "it", "de", "fr", "es", "pt"})
    void everyStemmerOverTheWholeCorpus(String language) throws IOException {
        Path corpus = TestPaths.corpus();
        List<Sample> pages = new ArrayList<>();
        for (String locale : List.of("en-us", "it-it", "de-de", "fr-fr")) {
            try (Stream<Path> files = Files.walk(corpus.resolve(locale))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                    pages.add(new Sample(corpus.relativize(f).toString(), Files.readString(f)));
                }
            }
        }
        assertParity(language, pages);
    }

    @ParameterizedTest
    @ValueSource(strings = {"es", "pt"})
    void wordListsAnalyzeAlike(String language) throws IOException {
        List<Sample> samples = lines(DATA.resolve(language + "-words.txt"));
        assertTrue(samples.size() >= 20, "word list too short: " + samples.size() + " lines");
        samples.add(new Sample(language + "-words.txt (whole file)", Files.readString(DATA.resolve(language + "-words.txt"))));
        String locale = language.equals("es") ? "es-es" : "pt-br";
        Path page = TestPaths.fixture("locales").resolve(locale).resolve("host-memory-reserve.md");
        samples.add(new Sample(page.toString(), Files.readString(page)));
        assertParity(language, samples);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "ja-JP", "ko-KR"})
    void cjkSamplesAnalyzeAlike(String locale) throws IOException {
        List<Sample> samples = lines(DATA.resolve("cjk.txt"));
        for (String l : List.of("zh-cn", "ja-jp")) {
            Path page = TestPaths.fixture("locales").resolve(l).resolve("host-memory-reserve.md");
            samples.add(new Sample(page.toString(), Files.readString(page)));
        }
        List<Token> all = assertParity(locale, samples);
        assertTrue(all.stream().anyMatch(t -> t.term().codePointCount(0, t.term().length()) == 2),
                "expected CJK bigrams among " + all.size() + " tokens");
    }

    /** Edge cases through every chain, including a language with neither stop words nor stemmer (nl). */
    @ParameterizedTest
    @ValueSource(strings = {"en", "it", "de", "fr", "es", "pt", "zh", "ja", "nl"})
    void edgeCasesAnalyzeAlike(String language) throws IOException {
        List<Sample> samples = lines(DATA.resolve("edge-cases.txt"));
        samples.add(new Sample("empty text", ""));
        samples.add(new Sample("only separators", " \t\n.,;:!?-–—\"'()[]{}<>/\\|@#%^&*+=~`"));
        assertParity(language, samples);
    }

    /** Every suffix any of the stemmers tests, after stems of every length, so each length threshold is crossed. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "it", "de", "fr", "es", "pt"})
    void suffixGridAnalyzesAlike(String language) throws IOException {
        List<String> suffixes = lines(DATA.resolve("suffixes.txt")).stream()
                .flatMap(s -> Stream.of(s.text().split("\\s+"))).filter(s -> !s.isEmpty()).toList();
        List<String> stems = List.of("", "a", "e", "s", "y", "qu", "ab", "ie", "ll", "str", "acc", "ère", "ues", "aeu",
                "stamp", "rüber", "regula", "servers", "generali", "connettore", "ß", "ae", "oe", "ue", "tt", "ssi");
        List<Sample> samples = new ArrayList<>();
        for (String stem : stems) {
            StringBuilder b = new StringBuilder();
            for (String suffix : suffixes) {
                b.append(stem).append(suffix).append(' ');
            }
            samples.add(new Sample("stem '" + stem + "' + every suffix", b.toString()));
        }
        assertParity(language, samples);
    }

    /** The raw words (before stop words and stemming) that search uses for prefix matching, for every sample. */
    @Test
    void rawWordsAnalyzeAlike() throws IOException {
        List<Sample> samples = new ArrayList<>(lines(DATA.resolve("edge-cases.txt")));
        samples.addAll(lines(DATA.resolve("cjk.txt")));
        Path corpus = TestPaths.corpus();
        for (String locale : List.of("en-us", "it-it", "de-de", "fr-fr")) {
            try (Stream<Path> files = Files.walk(corpus.resolve(locale))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                    samples.add(new Sample(corpus.relativize(f).toString(), Files.readString(f)));
                }
            }
        }
        Map<String, Object> request = Map.of("output", "words", "language", "",
                "texts", samples.stream().map(Sample::text).toList());
        JsonNode reply = JSON.readTree(node(JSON.writeValueAsString(request)));
        List<String> mismatches = new ArrayList<>();
        int words = 0;
        for (int i = 0; i < samples.size(); i++) {
            List<String> java = SearchAnalyzer.rawWords(samples.get(i).text());
            List<String> js = new ArrayList<>();
            reply.get(i).forEach(w -> js.add(w.asText()));
            words += java.size();
            if (!java.equals(js)) {
                int at = 0;
                while (at < Math.min(java.size(), js.size()) && java.get(at).equals(js.get(at))) {
                    at++;
                }
                mismatches.add(samples.get(i).source() + ": word " + at + ": Java "
                        + java.subList(at, Math.min(java.size(), at + 3)) + ", JavaScript "
                        + js.subList(at, Math.min(js.size(), at + 3)));
            }
        }
        System.out.printf("raw words parity: %d texts, %d words, %d mismatching texts%n", samples.size(), words,
                mismatches.size());
        assertEquals(List.of(), mismatches.subList(0, Math.min(SHOWN, mismatches.size())));
    }

    /**
     * The character classes the tokenizer and folding use, over all of Unicode. Java 17 knows Unicode 13; node and
     * browsers know newer versions, so code points Java leaves unassigned may differ (reported, not failed); every
     * code point Java knows must agree.
     */
    @Test
    void unicodeTablesAgreeOnEveryCharacterJavaKnows() throws IOException {
        JsonNode js = JSON.readTree(node("{\"unicode\":true}"));
        Map<String, List<Integer>> differences = new LinkedHashMap<>();
        differences.put("word character", differInRanges(js.get("word"), SearchAnalyzer::isWordChar));
        differences.put("CJK", differInRanges(js.get("cjk"), SearchAnalyzer::isCjk));
        differences.put("lower case", differInMap(js.get("lower"), cp -> Character.toString(Character.toLowerCase(cp))));
        differences.put("folding", differInMap(js.get("fold"), cp -> SearchAnalyzer.fold(Character.toString(cp))));
        List<String> failures = new ArrayList<>();
        differences.forEach((table, cps) -> {
            List<Integer> known = cps.stream().filter(cp -> Character.getType(cp) != Character.UNASSIGNED).toList();
            List<Integer> newer = cps.stream().filter(cp -> Character.getType(cp) == Character.UNASSIGNED).toList();
            System.out.printf("unicode parity, %s: %d code points differ that Java %s leaves unassigned: %s%n",
                    table, newer.size(), System.getProperty("java.version"), ranges(newer));
            if (!known.isEmpty()) {
                failures.add(table + " differs on " + known.size() + " assigned code points: " + ranges(known));
            }
        });
        assertEquals(List.of(), failures);
    }

    /** The JavaScript-only checks (known stems, offsets, bigrams) pass under node --test. */
    @Test
    void javascriptUnitTestsPass() throws IOException, InterruptedException {
        Path tests = CLI.resolveSibling("analysis.test.mjs");
        Process p = new ProcessBuilder("node", "--test", tests.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "node --test " + tests + " did not finish");
        assertEquals(0, p.exitValue(), "node --test " + tests + " failed:\n" + out);
    }

    // ---- comparison ----

    /** Analyzes the samples in Java and in JavaScript and fails on the first differences; returns Java's tokens. */
    private static List<Token> assertParity(String locale, List<Sample> samples) throws IOException {
        String language = SearchAnalyzer.language(locale);
        List<List<Token>> java = new ArrayList<>();
        try (SearchAnalyzer analyzer = new SearchAnalyzer(locale)) {
            for (Sample s : samples) {
                java.add(analyze(analyzer, s.text()));
            }
        }
        List<List<Token>> js = javascript(language, samples);
        assertEquals(samples.size(), js.size(), "node returned a different number of texts");
        List<String> mismatches = new ArrayList<>();
        int tokens = 0;
        for (int i = 0; i < samples.size(); i++) {
            tokens += java.get(i).size();
            compare(samples.get(i), java.get(i), js.get(i), mismatches);
        }
        System.out.printf("analysis parity %s (%s): %d texts, %d tokens, %d mismatching texts%n",
                locale, language, samples.size(), tokens, mismatches.size());
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " of " + samples.size() + " texts analyze differently in JavaScript ("
                    + locale + "); first ones:\n" + String.join("\n", mismatches.subList(0,
                    Math.min(SHOWN, mismatches.size()))));
        }
        return java.stream().flatMap(List::stream).toList();
    }

    private static void compare(Sample sample, List<Token> java, List<Token> js, List<String> mismatches) {
        int n = Math.min(java.size(), js.size());
        for (int i = 0; i < n; i++) {
            if (!java.get(i).equals(js.get(i))) {
                mismatches.add(sample.source() + ": token " + i + ": Java " + java.get(i) + ", JavaScript " + js.get(i)
                        + " in \"" + excerpt(sample.text(), java.get(i).start()) + "\"");
                return;
            }
        }
        if (java.size() != js.size()) {
            mismatches.add(sample.source() + ": Java has " + java.size() + " tokens, JavaScript " + js.size()
                    + "; first extra: " + (java.size() > n ? "Java " + java.get(n) : "JavaScript " + js.get(n)));
        }
    }

    private static String excerpt(String text, int at) {
        int from = Math.max(0, at - 30);
        return text.substring(from, Math.min(text.length(), at + 30)).replace('\n', ' ');
    }

    private static List<Token> analyze(SearchAnalyzer analyzer, String text) throws IOException {
        List<Token> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
            }
            ts.end();
        }
        return out;
    }

    // ---- the JavaScript side ----

    private static List<List<Token>> javascript(String language, List<Sample> samples) throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("language", language);
        request.put("stopWords", stopWords(language));
        request.put("texts", samples.stream().map(Sample::text).toList());
        JsonNode reply = JSON.readTree(node(JSON.writeValueAsString(request)));
        List<List<Token>> out = new ArrayList<>();
        for (JsonNode text : reply) {
            List<Token> tokens = new ArrayList<>();
            for (JsonNode t : text) {
                tokens.add(new Token(t.get("term").asText(), t.get("start").asInt(), t.get("end").asInt()));
            }
            out.add(tokens);
        }
        return out;
    }

    /** The language's Lucene stop set as the Java build will export it; none for languages without one. */
    private static List<String> stopWords(String language) {
        CharArraySet set = SearchAnalyzer.STOP_SETS.get(language);
        if (set == null) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (Object entry : set) {
            words.add(new String((char[]) entry));
        }
        words.sort(null);
        return words;
    }

    /** Runs analyze-cli.mjs with the request on stdin; returns stdout, or fails with node's stderr. */
    private static String node(String request) throws IOException {
        Process p = new ProcessBuilder("node", CLI.toString()).start();
        CompletableFuture<byte[]> stdout = readAsync(p.getInputStream());
        CompletableFuture<byte[]> stderr = readAsync(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            in.write(request.getBytes(StandardCharsets.UTF_8));
        }
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("node " + CLI + " did not finish within 5 minutes");
            }
            String err = new String(stderr.get(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "node " + CLI + " failed: " + err);
            return new String(stdout.get(), StandardCharsets.UTF_8);
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not read node's output", e);
        }
    }

    private static CompletableFuture<byte[]> readAsync(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? v : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    // ---- test data ----

    private static final Pattern ESCAPE = Pattern.compile("\\\\u([0-9A-Fa-f]{4})");

    /** The lines of a data file that are neither blank nor comments, with \\uXXXX escapes decoded. */
    private static List<Sample> lines(Path file) throws IOException {
        List<Sample> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = ESCAPE.matcher(line);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(b, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
            }
            m.appendTail(b);
            out.add(new Sample(file.getFileName() + ":" + (i + 1), b.toString()));
        }
        return out;
    }

    // ---- Unicode tables ----

    /** Code points where a JavaScript range table (array of [first, last]) and a Java predicate disagree. */
    private static List<Integer> differInRanges(JsonNode jsRanges, java.util.function.IntPredicate java) {
        boolean[] js = new boolean[Character.MAX_CODE_POINT + 1];
        if (jsRanges.isArray()) {
            for (JsonNode r : jsRanges) {
                for (int cp = r.get(0).asInt(); cp <= r.get(1).asInt(); cp++) {
                    js[cp] = true;
                }
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (js[cp] != java.test(cp)) {
                out.add(cp);
            }
        }
        return out;
    }

    /** Code points where a JavaScript map (code point → value, identity omitted) and Java's mapping disagree. */
    private static List<Integer> differInMap(JsonNode jsMap, java.util.function.IntFunction<String> java) {
        Map<Integer, String> js = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = jsMap.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            js.put(Integer.parseInt(e.getKey()), v.isInt() ? Character.toString(v.asInt()) : v.asText());
        }
        List<Integer> out = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue;
            }
            String self = Character.toString(cp);
            if (!js.getOrDefault(cp, self).equals(java.apply(cp))) {
                out.add(cp);
            }
        }
        return out;
    }

    /** Code points as compact hex ranges: {@code 1e030-1e06d, 1e08f}. */
    private static String ranges(List<Integer> cps) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cps.size(); i++) {
            int first = cps.get(i);
            while (i + 1 < cps.size() && cps.get(i + 1) == cps.get(i) + 1) {
                i++;
            }
            b.append(b.isEmpty() ? "" : ", ").append(Integer.toHexString(first));
            if (cps.get(i) != first) {
                b.append('-').append(Integer.toHexString(cps.get(i)));
            }
        }
        return b.isEmpty() ? "none" : b.toString();
    }
}
