package io.bpacat.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.diag.Diagnostic;
import io.bpacat.parse.Vocabulary;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContentRendererTest {
    private final ContentRenderer renderer = new ContentRenderer(
            new LinkRewriter(Map.of("en-us/B.md", "en-us/rules/b/"), "en-US"), Vocabulary.standard().appliesToPattern());

    private ContentRenderer.Rendered render(String markdown, ContentRenderer.Lead lead) {
        return renderer.render(markdown, lead, new ContentRenderer.Context("en-us/A.md", 10, "en-us/rules/a/",
                Optional.empty(), key -> "[" + key + "]"));
    }

    @Test
    void scriptsHandlersFramesFormsAndJavascriptUrlsAreRemoved() {
        String html = render("""
                <script>alert(1)</script>
                <img src="https://x.example/a.png" onerror="alert(2)">
                <a href="javascript:alert(3)">x</a> <a href="#t" onclick="alert(5)">z</a>
                <iframe src="https://x.example/"></iframe><form><input></form>
                <svg onload="alert(6)"></svg><p style="display:none">hidden</p><object data="x"></object>

                A [Markdown link](javascript:alert(4)) and [another](JaVaScRiPt:alert(7)).
                """, ContentRenderer.Lead.TITLE).html();
        for (String bad : new String[] {"<script", "onerror", "javascript:", "onclick", "<iframe", "<form", "<input",
                                        "<svg", "onload", "style=", "<object", "<img"}) {
            assertFalse(html.contains(bad), bad + " survived in " + html);
        }
        assertTrue(html.contains("hidden"), "text of a hiding style stays, visible");
        assertTrue(html.contains("<a href=\"https://x.example/a.png\">"), "a remote image becomes a link: " + html);
    }

    @Test
    void unsafeHtmlIsReportedOnItsLine() {
        ContentRenderer.Rendered r = render("Fine.\n\n<script>alert(1)</script>\n", ContentRenderer.Lead.TITLE);
        Diagnostic d = r.diagnostics().get(0);
        assertEquals("BPA063", d.code());
        assertEquals(12, d.line(), "markdown starts on file line 10; the script is its third line");
    }

    @Test
    void whatTheSanitizerDropsIsReportedAndWhatItKeepsIsNot() {
        String[] dropped = {"<!-- a comment -->", "<style>p { color: red }</style>", "<p onclick=\"x()\">p</p>",
                            "<custom-tag>x</custom-tag>", "<a href=\"javascript:alert(1)\">x</a>"};
        for (String html : dropped) {
            ContentRenderer.Rendered r = render("Fine.\n\n" + html + "\n", ContentRenderer.Lead.TITLE);
            assertTrue(r.diagnostics().stream().anyMatch(d -> d.code().equals("BPA063") || d.code().equals("BPA067")),
                    html + ": " + r.diagnostics());
        }
        String[] kept = {"<table><tr><td>a</td></tr></table>", "<a name=\"x\"></a>text", "**bold** and `code`",
                         "[a link](https://example.com/)", "<br>line"};
        for (String html : kept) {
            assertEquals(java.util.List.of(), render("Fine.\n\n" + html + "\n", ContentRenderer.Lead.TITLE).diagnostics(),
                    html);
        }
    }

    @Test
    void tablesAnchorsAndCodeStay() {
        String html = render("""
                ## <a name="issue"></a>Problema

                <table><colgroup><col style="width: 50%" /></colgroup><tr><td><a name="x"></a><strong>a</strong></td></tr></table>

                ```powershell
                Get-VM | Where-Object State -eq 'Paused'
                ```
                """, ContentRenderer.Lead.TITLE).html();
        assertTrue(html.contains("<h2 id=\"issue\">Problema</h2>"), html);
        assertTrue(html.contains("<a id=\"x\"></a><strong>a</strong>"), html);
        assertTrue(html.contains("<code class=\"language-powershell\">Get-VM | Where-Object State -eq 'Paused'"), html);
        assertTrue(html.contains("<div class=\"table-wrap\" tabindex=\"0\"><table>"), html);
    }

    @Test
    void docfxAlertsBecomeCallouts() {
        String html = render("> [!CAUTION]\n> Take a backup first.\n", ContentRenderer.Lead.TITLE).html();
        assertTrue(html.contains("<div class=\"alert alert-caution\" role=\"note\"><p class=\"alert-title\">"
                + "[alert.caution]</p>"), html);
        assertTrue(html.contains("Take a backup first."), html);
        assertFalse(html.contains("[!CAUTION]"), html);
    }

    @Test
    void repeatedHeadingsGetNumberedIdsLikeTheParserNamesSubRules() {
        String html = render("### Same\n\n### Same\n\n### <a name=\"k\"></a>K\n\n### <a name=\"k\"></a>K2\n",
                ContentRenderer.Lead.TITLE).html();
        assertTrue(html.contains("<h3 id=\"same\">Same</h3>"), html);
        assertTrue(html.contains("<h3 id=\"same-1\">Same</h3>"), html);
        assertTrue(html.contains("<h3 id=\"k\">K</h3>"), html);
        assertTrue(html.contains("<h3 id=\"k-1\">K2</h3>"), html);
    }

    @Test
    void anUnescapedPlaceholderStaysAsTextWithAWarningOnItsLine() {
        ContentRenderer.Rendered r = render("Intro.\n\nReplace <MyVM> with the name.\n", ContentRenderer.Lead.TITLE);
        assertTrue(r.html().contains("Replace &lt;MyVM&gt; with the name."), r.html());
        assertEquals("BPA067", r.diagnostics().get(0).code());
        assertEquals(12, r.diagnostics().get(0).line());
    }

    @Test
    void aRulePageLeavesOutWhatTheTemplateShows() {
        String html = render("""
                # Title

                >Applies to: Windows Server 2016

                |Property|Details|
                |-|-|
                |**Severity**|Error|

                ## Issue

                Text with a [link](B.md) on line 19.
                """, ContentRenderer.Lead.RULE_PAGE).html();
        assertFalse(html.contains("<h1"), html);
        assertFalse(html.contains("Applies to"), html);
        assertFalse(html.contains("<table"), html);
        assertTrue(html.contains("<a href=\"../b/\">link</a>"), html);
    }

    @Test
    void linksAreRecordedWithTheirSourceLines() {
        ContentRenderer.Rendered r = render("a\n\n[one](B.md)\n\n[two](#x)\n", ContentRenderer.Lead.TITLE);
        assertEquals(12, r.links().get(0).line());
        assertEquals("../b/", r.links().get(0).href());
        assertEquals(14, r.links().get(1).line());
    }
}
