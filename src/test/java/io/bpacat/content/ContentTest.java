package io.bpacat.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.TestPaths;
import io.bpacat.catalog.Catalog;
import io.bpacat.catalog.CatalogBuilder;
import io.bpacat.catalog.Rule;
import io.bpacat.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our own catalog in content/: lint-clean, the corpus's facts, and none of the corpus's sentences. */
class ContentTest {
    private static final Path CONTENT = Path.of("content");
    private static final int RUN = 8;
    private static Catalog ours;

    @BeforeAll
    static void build() {
        ours = new CatalogBuilder().build(CONTENT).catalog();
    }

    @Test
    void contentIsLintCleanUnderStrict() {
        List<Diagnostic> problems = ours.diagnostics().stream().filter(d -> d.level() != Diagnostic.Level.INFO).toList();
        assertEquals(List.of(), problems);
    }

    @Test
    void everyHyperVRuleOfTheCorpusHasAnEnglishPage() {
        Catalog corpus = new CatalogBuilder().build(TestPaths.corpus()).catalog();
        List<String> missing = corpus.rules().stream().filter(r -> r.kind() == Rule.Kind.RULE)
                .filter(r -> ours.rule(r.id()).map(o -> !o.translations().containsKey("en-US")).orElse(true))
                .map(r -> r.id() + " " + r.reference().source()).toList();
        assertEquals(List.of(), missing);
    }

    @Test
    void factsMatchTheCorpusPageWithTheSameAssetId() {
        Catalog corpus = new CatalogBuilder().build(TestPaths.corpus()).catalog();
        List<String> wrong = new ArrayList<>();
        for (Rule o : ours.rules()) {
            corpus.rule(o.id()).ifPresent(c -> {
                check(wrong, o, "severity", c.severity(), o.severity());
                check(wrong, o, "category", c.category(), o.category());
                check(wrong, o, "product", c.product(), o.product());
                check(wrong, o, "operating systems", c.operatingSystems(), o.operatingSystems());
                check(wrong, o, "asset ID", c.assetId(), o.assetId());
                check(wrong, o, "English title", c.translations().get("en-US").title(),
                        o.translations().containsKey("en-US") ? o.translations().get("en-US").title() : null);
            });
        }
        assertEquals(List.of(), wrong);
    }

    private static void check(List<String> wrong, Rule r, String what, Object expected, Object actual) {
        if (r.kind() == Rule.Kind.RULE && !java.util.Objects.equals(expected, actual)) {
            wrong.add(r.reference().source() + ": " + what + " is " + actual + ", corpus says " + expected);
        }
    }

    @Test
    void translationsCoverTheSeedAndTwentyMoreInItalianAndTenInGerman() {
        Rule seed = ours.rule("a7fdd185-d6c8-4f58-9b58-2df5827bb056").orElseThrow();
        assertTrue(seed.translations().containsKey("it-IT"));
        long it = ours.rules().stream().filter(r -> r.kind() == Rule.Kind.RULE && r.translations().containsKey("it-IT")).count();
        long de = ours.rules().stream().filter(r -> r.kind() == Rule.Kind.RULE && r.translations().containsKey("de-DE")).count();
        assertTrue(it >= 21, it + " Italian rule pages");
        assertTrue(de >= 10, de + " German rule pages");
        assertTrue(ours.pages().stream().anyMatch(p -> p.kind().equals("overview")), "an overview page");
        assertTrue(ours.pages().stream().anyMatch(p -> p.kind().equals("multi-rule")), "a multi-rule page");
    }

    @Test
    void noRunOfEightWordsIsSharedWithTheCorpus() throws IOException {
        Set<String> corpusRuns = new HashSet<>();
        for (Path f : markdown(TestPaths.corpus())) {
            corpusRuns.addAll(runs(Files.readString(f)).keySet());
        }
        List<String> shared = new ArrayList<>();
        for (Path f : markdown(CONTENT)) {
            runs(Files.readString(f)).forEach((run, line) -> {
                if (corpusRuns.contains(run)) {
                    shared.add(f + ": \"" + run + "\" in: " + line);
                }
            });
        }
        assertEquals(List.of(), shared);
    }

    private static List<Path> markdown(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    private static final Pattern FRONT_MATTER = Pattern.compile("\\A---\\n.*?\\n---\\n", Pattern.DOTALL);
    private static final Pattern FENCE = Pattern.compile("```.*?```", Pattern.DOTALL);
    private static final Pattern MARKUP = Pattern.compile("<[^>]+>|\\[|\\]\\([^)]*\\)|[*_`]");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_'’-]+");

    /**
     * The 8-word runs of a page's prose, with the line each comes from. Titles (front matter, headings), table
     * rows, code blocks and command lines are left out: they are facts or code.
     */
    static Map<String, String> runs(String text) {
        String body = FENCE.matcher(FRONT_MATTER.matcher(text.replace("\r\n", "\n")).replaceFirst("")).replaceAll("");
        Map<String, String> out = new HashMap<>();
        for (String raw : body.split("\n")) {
            String s = raw.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith("|") || s.startsWith("<") || raw.startsWith("    ")
                    || s.startsWith("PS ") || s.startsWith("$") || s.startsWith("-Name")
                    || (s.contains("`") && s.chars().filter(c -> c == ' ').count() < 4)) {
                continue;
            }
            List<String> words = new ArrayList<>();
            Matcher m = WORD.matcher(MARKUP.matcher(s).replaceAll(" ").toLowerCase(Locale.ROOT));
            while (m.find()) {
                words.add(m.group());
            }
            for (int i = 0; i + RUN <= words.size(); i++) {
                out.putIfAbsent(String.join(" ", words.subList(i, i + RUN)), s);
            }
        }
        return out;
    }
}
