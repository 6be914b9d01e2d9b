package io.bpacat.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The link checker reads a page's tags and attributes as the two regular expressions it replaced did
 * ({@code <([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*)?>} and {@code \s([a-zA-Z-]+)="([^"]*)"}, kept here as the reference):
 * on odd markup, and on every page of the project's own site.
 */
class LinkCheckerScanTest {
    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)(\\s[^<>]*)?>");
    private static final Pattern ATTR = Pattern.compile("\\s([a-zA-Z-]+)=\"([^\"]*)\"");

    /** Each tag with attribute text, as "element: name=value name=value ...", by the expressions. */
    private static List<String> byRegex(String html) {
        List<String> tags = new ArrayList<>();
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            if (tag.group(2) == null) {
                continue;
            }
            StringBuilder t = new StringBuilder(tag.group(1)).append(':');
            Matcher a = ATTR.matcher(tag.group(2));
            while (a.find()) {
                t.append(' ').append(a.group(1)).append('=').append(a.group(2));
            }
            tags.add(t.toString());
        }
        return tags;
    }

    /** The same, as LinkChecker.readTags reads it. */
    private static List<String> byScanner(String html) {
        List<String> tags = new ArrayList<>();
        StringBuilder attributes = new StringBuilder();
        LinkChecker.readTags(html, new LinkChecker.TagReader() {
            @Override
            public void attribute(String name, String value) {
                attributes.append(' ').append(name).append('=').append(value);
            }

            @Override
            public void end(String element) {
                tags.add(element + ':' + attributes);
                attributes.setLength(0);
            }
        });
        return tags;
    }

    private static void assertReadAlike(String html) {
        assertEquals(byRegex(html), byScanner(html), html);
    }

    @Test
    void oddMarkupIsReadAsTheExpressionsReadIt() {
        for (String html : List.of(
                "<a href=\"x.html\">x</a><p id=\"p1\">",
                "<a\nhref=\"multi\nline\"\tid=\"t\" >",
                "<A HREF=\"upper\" NAME=\"n1\">",
                "<img src=\"a.png\" id=\"i\"/>",
                "<br/><a href=\"after-br\">",
                "<a href=\"no-close\" <b id=\"inner\">",
                "<a href=\"quote > inside\">",
                "<a title=\"x\" href=\"y\" href=\"z\">",
                "<a data-x=\"a b=c\" href=\"h\">",
                "<a href='single' id=\"d\">",
                "<a href=\"unterminated>",
                "<a  href = \"spaced\" id=\"s\">",
                "<1a href=\"digit\"><a1 href=\"ok\">",
                "<a href=\"&amp;x\">",
                "text < a href=\"not-a-tag\"> <a\u000Bhref=\"vt\">",
                "<a\u00A0href=\"nbsp\"><a href=\"x\"",
                "<div id=\"a\"><div id=\"a\">",
                "<meta http-equiv=\"refresh\" content=\"0; url=../x/\"><META HTTP-EQUIV=\"Refresh\" CONTENT=\"1;URL=y\">",
                "<")) {
            assertReadAlike(html);
        }
    }

    @Test
    void theCheckerReadsLinksAndIdsInAnyCaseAndPassesOverOtherAttributes() {
        LinkChecker.Scan scan = LinkChecker.scan(("<A HREF=\"upper\" NAME=\"n1\" CLASS=\"c\"><p Id=\"p1\" data-id=\"no\">"
                + "<img SRC=\"i.png\" srcset=\"no\"><META HTTP-EQUIV=\"Refresh\" CONTENT=\"1;URL=y\">"
                + "<link hreflang=\"x\" href=\"h\"><a hrefx=\"no\" ids=\"no\">").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("upper", "i.png", "y", "h"), scan.links());
        assertEquals(java.util.Set.of("n1", "p1"), scan.ids());
    }

    @Test
    void brokenLinksComeInPagePathOrderAndEachPagesInLinkOrder() {
        for (List<String> order : List.of(List.of("b", "a", "c"), List.of("c", "b", "a"), List.of("a", "c", "b"))) {
            SiteFiles site = new SiteFiles();
            for (String page : order) {
                site.put(page + "/index.html", "<a href=\"../" + page + "-gone-2/\"></a><a href=\"#" + page
                        + "-nowhere\"></a><a href=\"../c/\"></a>");
            }
            List<String> broken = new LinkChecker("/").check(site).stream()
                    .map(b -> b.page() + " " + b.href()).toList();
            assertEquals(List.of("a/index.html ../a-gone-2/", "a/index.html #a-nowhere", "b/index.html ../b-gone-2/",
                    "b/index.html #b-nowhere", "c/index.html ../c-gone-2/", "c/index.html #c-nowhere"), broken,
                    "pages added in the order " + order);
        }
    }

    @Test
    void everyPageOfTheProjectSiteIsReadAsTheExpressionsReadIt() {
        SiteBuilder.Result site = new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.empty())
                .build(Path.of("content"));
        int pages = 0;
        for (String path : site.files().paths()) {
            if (path.endsWith(".html")) {
                assertReadAlike(new String(site.files().get(path), StandardCharsets.UTF_8));
                pages++;
            }
        }
        assertTrue(pages > 100, pages + " pages");
    }
}
