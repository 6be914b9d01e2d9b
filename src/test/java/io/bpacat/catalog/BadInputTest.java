package io.bpacat.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.TestPaths;
import io.bpacat.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input: each case is a content folder holding one good page and one bad page. The bad page gets a clear
 * diagnostic at its real position; the good page is always catalogued. Text cases are fixture sites under
 * {@code fixtures/<case>/}; byte-level cases (binary, invalid UTF-8, BOM, CRLF, empty, 10 MB) are written here.
 */
class BadInputTest {
    private static final String GOOD_ID = "11111111-2222-4333-8444-555555555555";

    @TempDir
    Path tmp;

    @Test
    void malformedYamlIsReportedAtItsRealLineAndColumn() {
        Catalog c = build(TestPaths.fixture("malformed-yaml"));
        Diagnostic d = only(c, "BPA012");
        assertEquals("en-us/bad.md", d.file());
        assertEquals(Diagnostic.Level.ERROR, d.level());
        assertTrue(d.line() >= 4 && d.line() <= 5, "line " + d.line() + " (the list opens on line 4)");
        assertTrue(d.column() > 0);
        assertGoodPageCatalogued(c);
        assertTrue(c.rule("22222222-3333-4444-8555-666666666666").isEmpty(), "broken front matter: no asset ID");
    }

    @Test
    void noFrontMatterIsAWarningAndThePageStillCounts() {
        Catalog c = build(TestPaths.fixture("no-front-matter"));
        Diagnostic d = only(c, "BPA010");
        assertEquals(1, d.line());
        assertGoodPageCatalogued(c);
        assertTrue(c.rules().stream().anyMatch(r -> r.reference().title().equals("A page without front matter")));
    }

    @Test
    void unterminatedFrontMatterIsAnError() {
        Catalog c = build(TestPaths.fixture("unterminated-front-matter"));
        assertEquals(Diagnostic.Level.ERROR, only(c, "BPA011").level());
        assertGoodPageCatalogued(c);
    }

    @Test
    void duplicateFrontMatterKeyIsAnError() {
        Catalog c = build(TestPaths.fixture("duplicate-front-matter-key"));
        Diagnostic d = only(c, "BPA014");
        assertEquals(3, d.line());
        assertGoodPageCatalogued(c);
    }

    @Test
    void duplicateAssetIdNamesBothFiles() {
        Catalog c = build(TestPaths.fixture("duplicate-asset-id"));
        Diagnostic d = only(c, "BPA042");
        assertEquals(Diagnostic.Level.ERROR, d.level());
        assertTrue(d.message().contains("en-us/copy.md") && d.message().contains("en-us/good.md"), d.message());
        assertEquals(1, c.rules().size());
    }

    @Test
    void invalidGuidIsAnErrorAtItsKey() {
        Catalog c = build(TestPaths.fixture("invalid-guid"));
        Diagnostic d = only(c, "BPA021");
        assertEquals(3, d.line());
        assertGoodPageCatalogued(c);
        assertTrue(c.rule("bad").isPresent(), "catalogued under its file name instead");
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Catalog c = build(site("empty.md", new byte[0]));
        assertEquals("en-us/empty.md", only(c, "BPA001").file());
        assertGoodPageCatalogued(c);
    }

    @Test
    void binaryFileIsAnError() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        Catalog c = build(site("picture.md", png));
        assertEquals(Diagnostic.Level.ERROR, only(c, "BPA002").level());
        assertGoodPageCatalogued(c);
    }

    @Test
    void invalidUtf8IsReplacedWithAWarningAtItsLine() throws IOException {
        byte[] page = page("55555555-5555-4555-8555-555555555555", "Latin-1 page").getBytes(StandardCharsets.UTF_8);
        String text = new String(page, StandardCharsets.UTF_8).replace("Something is wrong.", "Probl\u00e8me");
        byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
        Catalog c = build(site("latin1.md", latin1));
        Diagnostic d = only(c, "BPA004");
        assertEquals(17, d.line());
        assertTrue(c.rule("55555555-5555-4555-8555-555555555555").isPresent());
        assertGoodPageCatalogued(c);
    }

    @Test
    void bomIsDroppedAndThePageParses() throws IOException {
        byte[] body = page("66666666-6666-4666-8666-666666666666", "BOM page").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Catalog c = build(site("bom.md", withBom));
        assertEquals(Diagnostic.Level.INFO, only(c, "BPA003").level());
        assertEquals("error", c.rule("66666666-6666-4666-8666-666666666666").orElseThrow().severity());
    }

    @Test
    void crlfLineEndsParseLikeLf() throws IOException {
        String crlf = page("77777777-7777-4777-8777-777777777777", "CRLF page").replace("\n", "\r\n")
                .replace("ms.date: 11/26/2026", "ms.date: [11/26/2026");
        Catalog c = build(site("crlf.md", crlf.getBytes(StandardCharsets.UTF_8)));
        assertEquals(4, only(c, "BPA012").line(), "positions count CRLF as one line end");
        Rule r = c.rules().stream().filter(x -> x.reference().source().equals("en-us/crlf.md")).findFirst().orElseThrow();
        assertEquals("configuration", r.category());
    }

    @Test
    void tenMegabytePageIsFlaggedButCatalogued() throws IOException {
        StringBuilder big = new StringBuilder(page("88888888-8888-4888-8888-888888888888", "Huge page"));
        String para = "A long paragraph about virtual machines and their memory settings. ".repeat(20) + "\n\n";
        while (big.length() < 10 * 1024 * 1024) {
            big.append(para);
        }
        Catalog c = build(site("huge.md", big.toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals(Diagnostic.Level.WARNING, only(c, "BPA005").level());
        assertTrue(c.rule("88888888-8888-4888-8888-888888888888").isPresent());
        assertGoodPageCatalogued(c);
    }

    private Path site(String badName, byte[] bad) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("en-us"));
        Files.writeString(dir.resolve("good.md"), page(GOOD_ID, "A good rule"));
        Files.write(dir.resolve(badName), bad);
        return tmp;
    }

    static String page(String assetId, String title) {
        return "---\ntitle: " + title + "\nms.assetid: " + assetId + "\nms.date: 11/26/2026\n---\n# " + title + "\n\n"
                + "|Property|Details|\n|-|-|\n|**Operating System**|Windows Server 2016|\n"
                + "|**Product/Feature**|Hyper-V|\n|**Severity**|Error|\n|**Category**|Configuration|\n\n"
                + "## Issue\n\nSomething is wrong.\n\n## Impact\n\nSomething breaks.\n\n## Resolution\n\nFix it.\n";
    }

    private static Catalog build(Path dir) {
        return new CatalogBuilder().build(dir).catalog();
    }

    private static Diagnostic only(Catalog c, String code) {
        List<Diagnostic> found = c.diagnostics().stream().filter(d -> d.code().equals(code)).toList();
        assertEquals(1, found.size(), code + " in " + c.diagnostics());
        return found.get(0);
    }

    private static void assertGoodPageCatalogued(Catalog c) {
        Rule good = c.rule(GOOD_ID).orElseThrow(() -> new AssertionError("good page missing: " + c.diagnostics()));
        assertEquals("error", good.severity());
        assertEquals("en-us/good.md", good.reference().source());
    }
}
