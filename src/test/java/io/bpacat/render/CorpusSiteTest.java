package io.bpacat.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.TestPaths;
import io.bpacat.catalog.Rule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site of the real corpus ({@code ../shared/corpus}); skipped when it is absent. */
class CorpusSiteTest {
    static final Path CONFIG = Path.of("src/test/resources/site/corpus-site.yaml");
    private static SiteBuilder.Result result;

    static Path corpus() {
        return TestPaths.corpus();
    }

    @BeforeAll
    static void build() {
        result = new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.of(CONFIG)).build(corpus());
    }

    @Test
    void everyRuleHasAPageInEachOfItsLocales() {
        List<Rule> rules = result.catalog().catalog().rules();
        assertEquals(191, rules.size());
        int pages = 0;
        for (Rule r : rules) {
            for (String locale : r.translations().keySet()) {
                assertTrue(result.files().contains(SitePaths.file(SitePaths.rule(locale, r.id()))), r.id() + " " + locale);
                pages++;
            }
            assertTrue(result.files().contains(SitePaths.file(SitePaths.rulePicker(r.id()))));
        }
        assertEquals(191 * 4, pages, "every rule is in all 4 locales");
    }

    /**
     * serve's builder parses every body again where a full build takes the catalog's Markdown trees, and keeps its
     * search index between builds: its first build and its rebuild after an edit are the full builds' bytes.
     */
    @Test
    void serveBuildsTheCorpusAsAFullBuildDoes(@TempDir Path tmp) throws IOException {
        Path content = tmp.resolve("corpus");
        SiteBuilderTest.copyTree(corpus(), content);
        SiteBuilder serve = new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.of(CONFIG), true);
        SiteBuilderTest.assertSameFiles(result.files(), serve.build(content).files());
        Path page = content.resolve("en-us/Avoid-pausing-a-virtual-machine.md");
        java.nio.file.Files.writeString(page, "\nAn edit, see [the resolution](#resolution).\n",
                java.nio.file.StandardOpenOption.APPEND);
        SiteBuilder.Result rebuilt = serve.build(content);
        SiteBuilderTest.assertSameFiles(
                new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.of(CONFIG)).build(content).files(),
                rebuilt.files());
    }

    @Test
    void noBrokenInternalLinkOrAnchor(@TempDir Path tmp) throws IOException {
        assertEquals(List.of(), result.broken());
        SiteBuilder.write(result, tmp.resolve("site"));
        assertEquals(List.of(), new LinkChecker("/").check(SiteFiles.read(tmp.resolve("site"))), "read back from disk");
    }

    @Test
    void theOnlyContentProblemsOfTheSiteAreTheRealOnes() {
        List<String> codes = result.catalog().catalog().diagnostics().stream()
                .filter(d -> d.code().compareTo("BPA060") >= 0 && d.code().compareTo("BPA070") < 0)
                .filter(d -> d.level() != io.bpacat.diag.Diagnostic.Level.INFO)
                .map(d -> d.file() + ":" + d.line() + " " + d.code()).toList();
        assertEquals(List.of(
                "de-de/Enable-all-integration-services-in-virtual-machines.md:61 BPA067",
                "de-de/windows-server-should-be-configured-with-recommended-amount-memory.md:60 BPA067",
                "en-us/windows-server-should-be-configured-with-recommended-amount-memory.md:54 BPA067",
                "fr-fr/windows-server-should-be-configured-with-recommended-amount-memory.md:63 BPA067",
                "it-it/windows-server-should-be-configured-with-recommended-amount-memory.md:63 BPA067"), codes,
                "unescaped <MyVM> and <Service-Name> placeholders, shown as text");
    }

    @Test
    void twoBuildsOfTheCorpusAreByteIdentical(@TempDir Path tmp) throws IOException {
        SiteBuilder.write(result, tmp.resolve("a"));
        SiteBuilder.write(new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.of(CONFIG)).build(corpus()),
                tmp.resolve("b"));
        SiteBuilderTest.assertSameTree(tmp.resolve("a"), tmp.resolve("b"));
    }
}
