package io.bpacat.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bpacat.diag.Diagnostics;
import io.bpacat.parse.MarkdownTrees;
import io.bpacat.parse.ParsedPage;
import io.bpacat.parse.RulePageParser;
import io.bpacat.parse.Vocabulary;
import io.bpacat.source.SourceDecoder;
import io.bpacat.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A full build renders each body from the tree the parser made: taken once, and the same HTML as a fresh parse. */
class MarkdownTreesTest {
    private static final Path PAGE = Path.of("src/test/resources/site/small/en-us/Keep-the-host-patched.md");

    @Test
    void theParsersTreeIsTakenOnceAndRendersAsAFreshParse() throws Exception {
        MarkdownTrees trees = new MarkdownTrees();
        Diagnostics diags = new Diagnostics();
        SourceFile file = new SourceFile("en-us/Keep-the-host-patched.md", "en-us", "Keep-the-host-patched.md",
                Files.readAllBytes(PAGE));
        ParsedPage page = new RulePageParser(Vocabulary.standard(), "en-US", trees)
                .parse(new SourceDecoder().decode(file, diags).orElseThrow(), diags);
        String equalCopy = new String(page.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertNull(trees.take(equalCopy), "trees are found by the body string itself, not an equal one");

        String fromTree = renderer(trees).render(page.body(), ContentRenderer.Lead.RULE_PAGE, context()).html();
        assertNull(trees.take(page.body()), "the render took the tree");
        String fresh = renderer(null).render(page.body(), ContentRenderer.Lead.RULE_PAGE, context()).html();
        assertEquals(fresh, fromTree);
        assertEquals(fresh, renderer(trees).render(page.body(), ContentRenderer.Lead.RULE_PAGE, context()).html(),
                "a body whose tree was taken is parsed again");

        new RulePageParser(Vocabulary.standard(), "en-US", trees)
                .parse(new SourceDecoder().decode(file, diags).orElseThrow(), diags);
        trees.clear();
        assertNull(trees.take(page.body()));
    }

    private static ContentRenderer renderer(MarkdownTrees trees) {
        return new ContentRenderer(new LinkRewriter(Map.of("en-us/Overview.md", "en-us/overview/"), "en-US"),
                Vocabulary.standard().appliesToPattern(), trees);
    }

    private static ContentRenderer.Context context() {
        return new ContentRenderer.Context("en-us/Keep-the-host-patched.md", 8, "en-us/rules/x/", Optional.empty(),
                key -> "[" + key + "]");
    }
}
