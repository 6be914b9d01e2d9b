package io.bpacat.index;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bpacat.TestPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;

/**
 * The browser's Snowball stemmers ({@code site-templates/js/search/stemmers}, converted from Lucene's generated
 * Java by {@code tools/snowball/convert.mjs}) stem exactly like Lucene's {@code org.tartarus.snowball.ext}
 * stemmers: every distinct word of the real corpus pages, a committed list of inflected forms per language
 * ({@code src/test/resources/snowball/<language>.txt}) and a seeded set of made-up words are stemmed by both and
 * compared. The JavaScript runs in {@code node} through {@code stem-cli.mjs}; without node the tests are skipped.
 */
class SnowballParityTest {
    private static final Path CLI = Path.of("site-templates/js/search/stemmers/stem-cli.mjs");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LETTERS_RUN = Pattern.compile("\\p{L}+");

    /** The Lucene stemmer each JavaScript module was converted from, as in snowball.js. */
    private static final Map<String, Supplier<SnowballStemmer>> LUCENE = Map.of(
            "it", ItalianStemmer::new,
            "fr", FrenchStemmer::new,
            "de", GermanStemmer::new,
            "es", SpanishStemmer::new,
            "pt", PortugueseStemmer::new,
            "en", EnglishStemmer::new);

    /** The letters made-up words are built from: a to z and the language's accented letters. */
    private static final Map<String, String> ALPHABETS = Map.of(
            "it", "àèéìíîòóùú",
            "fr", "àâäçéèêëîïôöùûüÿœæ",
            "de", "äöüß",
            "es", "áéíóúüñ",
            "pt", "áâãàçéêíóôõúü",
            "en", "'");

    private static String node;

    @BeforeAll
    static void findNode() {
        node = nodeVersion();
    }

    @BeforeEach
    void needsNode() {
        assumeTrue(node != null,
                "node is not on the PATH: the JavaScript Snowball stemmers cannot be compared with Lucene's"
                        + " (install Debian's nodejs package)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"it", "fr", "de", "es", "pt", "en"})
    void committedFormsStemAlike(String language, TestReporter reporter) throws IOException {
        List<String> words = committedForms(language);
        assertTrue(words.size() >= 250, language + ".txt has only " + words.size() + " words");
        assertParity(language, words, reporter);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"it-it", "fr-fr", "de-de", "en-us"})
    void corpusWordsStemAlike(String locale, TestReporter reporter) throws IOException {
        Path pages = TestPaths.corpus().resolve(locale);
        assumeTrue(Files.isDirectory(pages), "no " + locale + " pages in the corpus at " + pages + ": skipped");
        SortedSet<String> words = new TreeSet<>();
        try (Stream<Path> files = Files.list(pages)) {
            for (Path page : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                words.addAll(letterRuns(Files.readString(page, UTF_8)));
            }
        }
        assertTrue(words.size() > 1000, "only " + words.size() + " distinct words in " + pages);
        assertParity(SearchAnalyzer.language(locale), words, reporter);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"it", "fr", "de", "es", "pt", "en"})
    void madeUpWordsStemAlike(String language, TestReporter reporter) throws IOException {
        assertParity(language, madeUpWords(language, committedForms(language), 5000), reporter);
    }

    /** Why the site uses Snowball for Italian: Lucene's ItalianLightStemmer keeps these apart. */
    @Test
    void italianConflatesReplicaAndReplicazione() throws IOException {
        List<String> words = List.of("replica", "repliche", "replicazione", "replicazioni", "replicare", "replicato");
        List<String> expected = words.stream().map(w -> "replic").toList();
        assertEquals(expected, lucene("it", words));
        assertEquals(expected, javascript("it", words));
    }

    @Test
    void cliRejectsUnknownLanguage() throws IOException, InterruptedException {
        NodeResult r = runCli("{\"language\":\"xx\",\"words\":[\"a\"]}");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("no Snowball stemmer for language \"xx\""), r.stderr());
        assertTrue(r.stderr().contains("it"), "the message lists the languages: " + r.stderr());
    }

    @Test
    void cliRejectsInputThatIsNotJson() throws IOException, InterruptedException {
        NodeResult r = runCli("replica");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("standard input is not JSON"), r.stderr());
    }

    private static void assertParity(String language, Collection<String> words, TestReporter reporter)
            throws IOException {
        List<String> list = List.copyOf(words);
        List<String> expected = lucene(language, list);
        List<String> actual = javascript(language, list);
        assertEquals(list.size(), actual.size(), "stem-cli returned another number of stems");
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                differences.add(list.get(i) + ": Lucene " + expected.get(i) + ", JavaScript " + actual.get(i));
            }
        }
        reporter.publishEntry(language + " words compared", String.valueOf(list.size()));
        if (!differences.isEmpty()) {
            fail(differences.size() + " of " + list.size() + " " + language + " words stem differently:\n  "
                    + String.join("\n  ", differences.subList(0, Math.min(30, differences.size()))));
        }
    }

    /** Lucene's stems, one stemmer instance for all words as SnowballFilter uses it. */
    private static List<String> lucene(String language, List<String> words) {
        SnowballStemmer stemmer = LUCENE.get(language).get();
        List<String> out = new ArrayList<>(words.size());
        for (String w : words) {
            stemmer.setCurrent(w);
            stemmer.stem();
            out.add(stemmer.getCurrent());
        }
        return out;
    }

    private static List<String> javascript(String language, List<String> words) throws IOException {
        String request = JSON.writeValueAsString(Map.of("language", language, "words", words));
        NodeResult r;
        try {
            r = runCli(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + CLI, e);
        }
        if (r.exitCode() != 0) {
            fail(CLI + " exited with " + r.exitCode() + ": " + r.stderr());
        }
        return JSON.readValue(r.stdout(), new TypeReference<List<String>>() { });
    }

    private record NodeResult(int exitCode, String stdout, String stderr) {
    }

    private static NodeResult runCli(String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("node", CLI.toString()).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(UTF_8));
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(CLI + " did not finish within 120 s");
        }
        return new NodeResult(p.exitValue(), out.join(), err.join());
    }

    private static String readAll(InputStream s) {
        try (s) {
            return new String(s.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String v = readAll(p.getInputStream()).trim();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? v : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Distinct lower-cased runs of letters. */
    private static SortedSet<String> letterRuns(String text) {
        SortedSet<String> words = new TreeSet<>();
        Matcher m = LETTERS_RUN.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    private static List<String> committedForms(String language) throws IOException {
        Path file = Path.of("src/test/resources/snowball", language + ".txt");
        return Files.readAllLines(file, UTF_8).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .distinct()
                .toList();
    }

    /**
     * Words that exercise the stemmer beyond real text: a random run of the language's letters, half of them
     * followed by the ending (1 to 7 letters) of a real form, so that suffix rules fire on odd stems.
     */
    private static SortedSet<String> madeUpWords(String language, List<String> forms, int count) {
        String letters = "abcdefghijklmnopqrstuvwxyz" + ALPHABETS.get(language);
        Random random = new Random(20_261_126L + language.hashCode());
        SortedSet<String> words = new TreeSet<>();
        while (words.size() < count) {
            StringBuilder b = new StringBuilder();
            int length = 1 + random.nextInt(9);
            for (int i = 0; i < length; i++) {
                b.append(letters.charAt(random.nextInt(letters.length())));
            }
            if (random.nextBoolean()) {
                String form = forms.get(random.nextInt(forms.size()));
                b.append(form, Math.max(0, form.length() - 1 - random.nextInt(7)), form.length());
            }
            words.add(b.toString());
        }
        return words;
    }
}
