package io.bpacat.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class SiteBuilderTest {
    static final Path FIXTURES = Path.of("src/test/resources/site");
    static final String PATCHED = "11111111-2222-4333-8444-555555555555";

    static SiteBuilder.Result build(String fixture) {
        return new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.empty()).build(FIXTURES.resolve(fixture));
    }

    private static String text(SiteBuilder.Result r, String path) {
        byte[] b = r.files().get(path);
        assertTrue(b != null, "no " + path + " in " + r.files().paths());
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void everyRuleHasAPagePerLocaleAPickerAndRedirectsFromItsFileName() {
        SiteBuilder.Result r = build("small");
        Set<String> paths = r.files().paths();
        for (String p : List.of("en-us/rules/" + PATCHED + "/index.html", "it-it/rules/" + PATCHED + "/index.html",
                "rules/" + PATCHED + "/index.html", "en-us/Keep-the-host-patched/index.html",
                "en-us/keep-the-host-patched/index.html", "it-it/Keep-the-host-patched/index.html",
                "en-us/rules/44444444-5555-4666-8777-888888888888.use-a-static-address/index.html",
                "it-it/rules/44444444-5555-4666-8777-888888888888.use-a-static-address/index.html",
                "en-us/pages/33333333-4444-4555-8666-777777777777/index.html", "index.html", "it-it/index.html",
                "404.html", "catalog.json", "sitemap.xml", "robots.txt", "opensearch.xml", "assets/favicon.svg",
                "assets/site.css", "assets/site.js")) {
            assertTrue(paths.contains(p), p + " missing from " + paths);
        }
        assertTrue(text(r, "en-us/Keep-the-host-patched/index.html")
                .contains("url=../rules/" + PATCHED + "/\""));
    }

    @Test
    void theSmallSiteHasNoBrokenLinkAndNoProblem() {
        SiteBuilder.Result r = build("small");
        assertEquals(List.of(), r.broken());
        assertEquals(List.of(), r.catalog().catalog().diagnostics().stream()
                .filter(d -> d.level() != Diagnostic.Level.INFO).toList());
    }

    @Test
    void aRulePageShowsItsPropertiesTranslationsAndSource() {
        String it = text(build("small"), "it-it/rules/" + PATCHED + "/index.html");
        assertTrue(it.contains("<html lang=\"it-IT\">"));
        assertTrue(it.contains("<h1>Mantenere aggiornato l&#39;host</h1>"), it);
        assertTrue(it.contains("<span class=\"badge sev-error\">Errore</span>"), it);
        assertTrue(it.contains("Questa pagina è stata tradotta automaticamente."), it);
        assertTrue(it.contains("<a href=\"../../../en-us/rules/" + PATCHED + "/\" hreflang=\"en-US\" lang=\"en-US\">"
                + "English (United States)</a>"), it);
        assertTrue(it.contains("<code>it-it/Keep-the-host-patched.md</code>"), it);
        assertTrue(it.contains("<time datetime=\"2025-03-04\">4 marzo 2025</time>"), it);
        assertTrue(it.contains("https://docs.example.org/it-it/bpa/Keep-the-host-patched"), it);
        assertTrue(it.contains("<a href=\"../../../en-us/pages/33333333-4444-4555-8666-777777777777/\">"), "the "
                + "overview exists only in English: the link falls back to it");
    }

    @Test
    void aSubRulePageLinksToItsParentPage() {
        String sub = text(build("small"), "it-it/rules/44444444-5555-4666-8777-888888888888.use-a-static-address/index.html");
        assertTrue(sub.contains("<a href=\"../../pages/44444444-5555-4666-8777-888888888888/#use-a-static-address\">"
                + "Regole del controllo del server per piccole imprese</a>"), sub);
        String parent = text(build("small"), "it-it/pages/44444444-5555-4666-8777-888888888888/index.html");
        assertTrue(parent.contains("<h3 id=\"use-a-static-address\">"), parent);
    }

    @Test
    void theHomeListsEveryRuleWithItsFacetsAndWorksWithoutScript() {
        String home = text(build("small"), "index.html");
        assertEquals(4, home.split("<tr data-id=", -1).length - 1);
        assertTrue(home.contains("data-severity=\"error\""));
        assertTrue(home.contains("<input type=\"checkbox\" name=\"severity\" value=\"warning\">"), home);
        assertTrue(home.contains("<script type=\"module\" src=\"assets/site.js\"></script>"));
        assertFalse(home.contains("<script>"), "no inline script");
    }

    @Test
    void sitemapRobotsAndOpenSearchUseTheBaseUrl() {
        SiteBuilder.Result r = build("small");
        assertTrue(text(r, "sitemap.xml").contains("<loc>https://rules.example.org/bpa/it-it/rules/" + PATCHED
                + "/</loc>"));
        assertTrue(text(r, "robots.txt").contains("Sitemap: https://rules.example.org/bpa/sitemap.xml"));
        assertTrue(text(r, "opensearch.xml").contains("template=\"https://rules.example.org/bpa/?q={searchTerms}\""));
        assertTrue(text(r, "404.html").contains("href=\"/bpa/assets/site.css\""), "404.html links from the base path");
    }

    @Test
    void everyPageCarriesTheStrictPolicyAndNoOtherHostIsRequested() {
        SiteBuilder.Result r = build("small");
        for (String p : r.files().paths()) {
            if (p.endsWith(".html")) {
                String html = text(r, p);
                assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;;"), p);
                assertFalse(html.matches("(?s).*\\s(src|href)=\"(https?:)?//[^\"]*\"[^>]*rel=\"stylesheet\".*"), p);
                assertFalse(html.matches("(?s).*<(script|img|link)[^>]*\\s(src|href)=\"(https?:)?//.*"), p);
            }
        }
    }

    @Test
    void brokenLinksAreReportedOnTheLineThatWroteThem() {
        SiteBuilder.Result r = build("broken-links");
        List<Diagnostic> broken = r.catalog().catalog().diagnostics().stream()
                .filter(d -> d.code().equals("BPA060")).toList();
        assertEquals(3, broken.size(), broken.toString());
        assertEquals(List.of(17, 21, 25), broken.stream().map(Diagnostic::line).toList());
        assertTrue(broken.stream().allMatch(d -> d.file().equals("en-us/Page-with-broken-links.md")));
        assertTrue(broken.get(0).message().contains("#no-such-anchor"));
        assertTrue(broken.get(2).message().contains("#nowhere"));
    }

    @Test
    void twoBuildsAreByteIdentical(@TempDir Path tmp) throws IOException {
        SiteBuilder.write(build("small"), tmp.resolve("a"));
        SiteBuilder.write(new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.empty())
                .build(FIXTURES.resolve("small")), tmp.resolve("b"));
        assertSameTree(tmp.resolve("a"), tmp.resolve("b"));
    }

    @Test
    void aBuildWrittenWhileItIsMadeHoldsExactlyItsFilesAndSoDoesARebuildOverIt(@TempDir Path tmp) throws IOException {
        Path content = tmp.resolve("content");
        copyTree(FIXTURES.resolve("small"), content);
        Path out = tmp.resolve("out");
        SiteBuilder.Result first = new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.empty())
                .buildInto(content, out);
        assertSameFiles(first.files(), SiteFiles.read(out));
        assertSameFiles(build("small").files(), SiteFiles.read(out));
        Path page = content.resolve("en-us/Keep-the-host-patched.md");
        replace(page, "title: Keep the host patched", "title: Never leave the host unpatched"); // its pages, the home, catalog.json and the search change
        SiteBuilder.Result second = new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.empty())
                .buildInto(content, out);
        assertSameFiles(second.files(), SiteFiles.read(out));
        assertTrue(new String(second.files().get("catalog.json"), StandardCharsets.UTF_8).contains("Never leave the host unpatched"));
        try (var siblings = Files.list(tmp)) {
            assertEquals(List.of(".out.bpacat-previous", "content", "out"),
                    siblings.map(p -> p.getFileName().toString()).sorted().toList(), "the replaced output kept beside");
        }
    }

    @Test
    void aBuildThatDoesNotKeepItsFilesWritesTheSameSiteAndFindsTheSameBrokenLinks(@TempDir Path tmp) throws IOException {
        for (String fixture : List.of("small", "broken-links")) {
            SiteBuilder.Result kept = new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.empty())
                    .buildInto(FIXTURES.resolve(fixture), tmp.resolve(fixture + "-kept"), true, true);
            SiteBuilder.Result written = new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.empty())
                    .buildInto(FIXTURES.resolve(fixture), tmp.resolve(fixture), false, true);
            assertSameTree(tmp.resolve(fixture + "-kept"), tmp.resolve(fixture));
            assertEquals(kept.files().paths(), written.files().paths());
            assertEquals(kept.broken(), written.broken());
            assertEquals(kept.catalog().catalog().diagnostics(), written.catalog().catalog().diagnostics());
            String page = written.files().paths().stream().filter(p -> p.endsWith(".html")).findFirst().orElseThrow();
            assertThrows(IllegalStateException.class, () -> written.files().get(page), "its bytes are on disk only");
        }
        assertFalse(new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.empty())
                .buildInto(FIXTURES.resolve("broken-links"), tmp.resolve("again"), false, true).broken().isEmpty());
    }

    static void assertSameTree(Path a, Path b) throws IOException {
        assertSameFiles(SiteFiles.read(a), SiteFiles.read(b));
    }

    public static void assertSameFiles(SiteFiles expected, SiteFiles actual) {
        assertEquals(expected.paths(), actual.paths());
        for (String p : expected.paths()) {
            assertArrayEquals(expected.get(p), actual.get(p), p);
        }
    }

    @Test
    void anIncrementalRebuildGivesWhatAFullBuildGives(@TempDir Path tmp) throws IOException {
        Path content = tmp.resolve("content");
        SiteBuilder incremental = servedCopy(FIXTURES.resolve("small"), content);
        Path page = content.resolve("it-it/Keep-the-host-patched.md");
        Files.writeString(page, Files.readString(page).replace("I difetti noti restano.", "Restano i difetti."));
        Files.delete(content.resolve("en-us/Give-each-VM-enough-memory.md"));
        assertRebuildIsFullBuild(incremental, content, tmp);
        assertTrue(Files.readString(tmp.resolve("a/it-it/rules/" + PATCHED + "/index.html")).contains("Restano i"));
    }

    /**
     * serve renders again only the pages whose input changed, indexes again only the locales whose documents changed
     * and checks again only the links of changed pages while no page's IDs change: after every kind of edit, one
     * after the other, its site is the full build's, byte for byte.
     */
    @Test
    void anIncrementalRebuildFollowsEditAfterEditAsAFullBuildDoes(@TempDir Path tmp) throws IOException {
        Path content = tmp.resolve("content");
        SiteBuilder incremental = servedCopy(FIXTURES.resolve("small"), content);
        Path patched = content.resolve("en-us/Keep-the-host-patched.md");
        Path memory = content.resolve("en-us/Give-each-VM-enough-memory.md");
        Path italian = content.resolve("it-it/Keep-the-host-patched.md");
        String italianText = Files.readString(italian);
        List<Runnable> edits = List.of(
                () -> replace(patched, "Known defects stay unfixed.", "Known defects remain."),
                () -> replace(memory, "## Resolution", "## Remedy"),
                () -> replace(memory, "## Remedy", "## Resolution"),
                () -> replace(italian, "ms.translationtype: MT\n", ""),
                () -> replace(italian, "title: Mantenere aggiornato l'host", "title: Aggiornare l'host"),
                () -> replace(content.resolve("en-us/Overview.md"), "patched](Keep-the-host-patched.md)",
                        "patched](Keep-the-host-patched.md#nowhere)"),
                () -> delete(italian),
                () -> write(italian, italianText));
        int step = 0;
        for (Runnable edit : edits) {
            edit.run();
            step++;
            SiteBuilder.Result a = incremental.build(content);
            SiteBuilder.Result b = new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.empty()).build(content);
            assertEquals(b.files().paths(), a.files().paths(), "after edit " + step);
            for (String p : b.files().paths()) {
                assertArrayEquals(b.files().get(p), a.files().get(p), p + " after edit " + step);
            }
            assertEquals(b.broken(), a.broken(), "after edit " + step);
        }
        String catalog = new String(incremental.build(content).files().get("catalog.json"), StandardCharsets.UTF_8);
        assertTrue(catalog.contains("#nowhere"), "the broken anchor is reported");
    }

    /**
     * serve reloads the open pages before the search index is made: what it gets first is the new pages with the
     * previous build's whole search export; the build after that is the full build's, new search index included.
     */
    @Test
    void serveGetsTheNewPagesWithTheLastSearchIndexFirst(@TempDir Path tmp) throws IOException {
        Path content = tmp.resolve("content");
        copyTree(FIXTURES.resolve("small"), content);
        SiteBuilder incremental = new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.empty(), true);
        List<SiteFiles> early = new ArrayList<>();
        SiteFiles first = incremental.build(content, early::add).files();
        assertTrue(early.isEmpty(), "the first build has no earlier search index to show");
        replace(content.resolve("en-us/Keep-the-host-patched.md"), "Known defects stay unfixed.", "Known defects remain.");
        SiteBuilder.Result next = incremental.build(content, early::add);
        assertEquals(1, early.size());
        SiteFiles shown = early.get(0);
        Set<String> paths = new TreeSet<>();
        next.files().paths().stream().filter(p -> !p.startsWith("search/")).forEach(paths::add);
        first.paths().stream().filter(p -> p.startsWith("search/")).forEach(paths::add);
        assertEquals(paths, shown.paths());
        boolean searchChanged = false;
        for (String p : shown.paths()) {
            assertArrayEquals((p.startsWith("search/") ? first : next.files()).get(p), shown.get(p), p);
            searchChanged |= p.startsWith("search/") && !Arrays.equals(first.get(p), next.files().get(p));
        }
        assertTrue(searchChanged, "the edit changed the search index");
        String page = "en-us/rules/" + PATCHED + "/index.html";
        assertTrue(new String(shown.get(page), StandardCharsets.UTF_8).contains("Known defects remain."));
        assertSameFiles(new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.empty()).build(content).files(),
                next.files());
    }

    private static void replace(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            assertTrue(text.contains(from), from + " in " + file);
            Files.writeString(file, text.replace(from, to));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** serve remembers the checkers it loaded: an edited, a broken and a deleted checker show as in a full build. */
    @Test
    void anIncrementalRebuildRereadsEditedCheckers(@TempDir Path tmp) throws IOException {
        Path content = tmp.resolve("content");
        SiteBuilder incremental = servedCopy(Path.of("content"), content);
        Path edited = content.resolve("checkers/vm-not-paused.yaml");
        Files.writeString(edited, Files.readString(edited).replace("is paused", "is still paused"));
        Path broken = content.resolve("checkers/host-compute-service-enabled.yaml");
        Files.writeString(broken, "rule: [unclosed\n" + Files.readString(broken));
        Files.delete(content.resolve("checkers/vhd-sector-size.yaml"));
        assertRebuildIsFullBuild(incremental, content, tmp);
        String catalog = Files.readString(tmp.resolve("a/catalog.json"));
        assertTrue(catalog.contains("checkers/host-compute-service-enabled.yaml"), "the broken checker's diagnostic");
        assertTrue(Files.readString(tmp.resolve("a/try/checkers.json")).contains("is still paused"));
    }

    /** A copy of {@code from} at {@code content}, built once by an incremental builder (as serve starts). */
    private static SiteBuilder servedCopy(Path from, Path content) throws IOException {
        copyTree(from, content);
        SiteBuilder incremental = new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.empty(), true);
        incremental.build(content);
        return incremental;
    }

    /** The incremental builder's next build, written to {@code tmp/a}, is a full build's ({@code tmp/b}). */
    private static void assertRebuildIsFullBuild(SiteBuilder incremental, Path content, Path tmp) throws IOException {
        SiteBuilder.write(incremental.build(content), tmp.resolve("a"));
        SiteBuilder.write(new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.empty()).build(content),
                tmp.resolve("b"));
        assertSameTree(tmp.resolve("a"), tmp.resolve("b"));
    }

    public static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void aFailedBuildLeavesThePreviousSiteIntact(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        SiteBuilder.write(build("small"), out);
        Path templates = Files.createDirectories(tmp.resolve("templates"));
        Files.writeString(templates.resolve("rule.html"), "<html><body th:text=\"${no.such.thing()}\"></body></html>");
        SiteBuilder broken = new SiteBuilder("en-US", TemplateSource.folder(templates), Optional.empty());
        assertThrows(RuntimeException.class, () -> SiteBuilder.write(broken.build(FIXTURES.resolve("small")), out));
        assertTrue(Files.exists(out.resolve("en-us/rules/" + PATCHED + "/index.html")));
        // a build that writes its files while it makes them fails when some are written
        assertThrows(RuntimeException.class, () -> broken.buildInto(FIXTURES.resolve("small"), out));
        assertSameTree(out, writeFresh(tmp));
        try (var siblings = Files.list(tmp)) {
            assertEquals(List.of("fresh", "out", "templates"), siblings.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no half-written folder left");
        }
    }

    private static Path writeFresh(Path tmp) {
        Path fresh = tmp.resolve("fresh");
        SiteBuilder.write(build("small"), fresh);
        return fresh;
    }

    @Test
    void aUsersTemplatesFolderOverridesSomeTemplates(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("404.html"), "<!DOCTYPE html><html><body><p>Gone.</p></body></html>");
        SiteBuilder.Result r = new SiteBuilder("en-US", TemplateSource.folder(tmp), Optional.empty())
                .build(FIXTURES.resolve("small"));
        assertTrue(text(r, "404.html").contains("<p>Gone.</p>"));
        assertTrue(text(r, "index.html").contains("bpa-rules"), "other templates come from bpacat");
    }

    @Test
    void brokenSiteSettingsAreAnErrorOnTheirLine(@TempDir Path tmp) throws IOException {
        Path config = tmp.resolve("site.yaml");
        Files.writeString(config, "title: x\nbaseUrl: [unclosed\n");
        SiteBuilder.Result r = new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.of(config))
                .build(FIXTURES.resolve("small"));
        Diagnostic d = r.catalog().catalog().diagnostics().stream().filter(x -> x.code().equals("BPA066"))
                .findFirst().orElseThrow();
        assertEquals(Diagnostic.Level.ERROR, d.level());
        assertTrue(d.line() >= 2, d.toString());
    }
}
