package io.bpacat.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkRewriterTest {
    private final LinkRewriter links = new LinkRewriter(Map.of(
            "en-us/A.md", "en-us/rules/a/",
            "it-it/A.md", "it-it/rules/a/",
            "en-us/B.md", "en-us/rules/b/",
            "en-us/sub/C.md", "en-us/pages/c/"), "en-US");
    private final Optional<URI> original = Optional.of(URI.create("https://docs.example.org/it-it/bpa/A"));

    private String rewrite(String href, String source, String page) {
        return links.rewrite(href, source, page, original).href();
    }

    @Test
    void aLinkToAPageOfTheCatalogLeadsToItsGeneratedPage() {
        assertEquals("../b/#resolution", rewrite("B.md#resolution", "en-us/A.md", "en-us/rules/a/"));
        assertEquals("../../pages/c/", rewrite("sub/C.md", "en-us/A.md", "en-us/rules/a/"));
        assertEquals("../../rules/a/", rewrite("../A.md", "en-us/sub/C.md", "en-us/pages/c/"));
        assertEquals("../b/", rewrite("b.MD", "en-us/A.md", "en-us/rules/a/"), "case-insensitive file names");
        assertEquals("../b/", rewrite("B", "en-us/A.md", "en-us/rules/a/"), "docs-style link without .md");
    }

    @Test
    void aPageMissingInTheLinkingLocaleFallsBackToTheDefaultLocale() {
        assertEquals("../../../en-us/rules/b/", rewrite("B.md", "it-it/A.md", "it-it/rules/a/"));
    }

    @Test
    void otherRelativeAndSiteRootedLinksLeadToTheOriginalSite() {
        assertEquals("https://docs.example.org/it-it/get-started/Install#x",
                rewrite("../get-started/Install.md#x", "it-it/A.md", "it-it/rules/a/"));
        assertEquals("https://docs.example.org/powershell/module/set-vm?view=x",
                rewrite("/powershell/module/set-vm?view=x", "it-it/A.md", "it-it/rules/a/"));
    }

    @Test
    void withoutAnOriginalSiteTheLinkStaysWithAProblem() {
        LinkRewriter.Result r = links.rewrite("../elsewhere/X.md", "en-us/A.md", "en-us/rules/a/", Optional.empty());
        assertEquals("../elsewhere/X.md", r.href());
        assertTrue(r.problem().contains("original site is unknown"), r.problem());
    }

    @Test
    void absoluteLinksAndAnchorsStay() {
        assertEquals("https://example.org/x", rewrite("https://example.org/x", "en-us/A.md", "en-us/rules/a/"));
        assertEquals("#issue", rewrite("#issue", "en-us/A.md", "en-us/rules/a/"));
        assertEquals("mailto:a@example.org", rewrite("mailto:a@example.org", "en-us/A.md", "en-us/rules/a/"));
        assertEquals("https://example.org/y", rewrite("//example.org/y", "en-us/A.md", "en-us/rules/a/"));
    }
}
