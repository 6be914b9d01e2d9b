package io.bpacat.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The link checker's scanner reads a page's tags and attributes as the two regular expressions it replaced did
 * ({@code <([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*)?>} and {@code \s([a-zA-Z-]+)="([^"]*)"}, kept here as the reference):
 * on odd markup, and on every page of the project's own site.
 */
class LinkCheckerScanTest {
    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)(\\s[^<>]*)?>");
    private static final Pattern ATTR = Pattern.compile("\\s([a-zA-Z-]+)=\"([^\"]*)\"");

    private static final Pattern REFRESH_URL = Pattern.compile("(?i)^\\s*\\d+\\s*;\\s*url=(.*)$");

    /** The scanner as it was, on the two expressions: the reference. */
    private static LinkChecker.Scan byRegex(String html) {
        List<String> links = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Matcher tag = TAG.matcher(html);
        Matcher a = ATTR.matcher("");
        while (tag.find()) {
            if (tag.group(2) == null) {
                continue;
            }
            String id = null;
            String name = null;
            String href = null;
            String src = null;
            String httpEquiv = null;
            String content = null;
            a.reset(tag.group(2));
            while (a.find()) {
                String value = a.group(2);
                switch (a.group(1).toLowerCase(java.util.Locale.ROOT)) {
                    case "id" -> id = value;
                    case "name" -> name = value;
                    case "href" -> href = value;
                    case "src" -> src = value;
                    case "http-equiv" -> httpEquiv = value;
                    case "content" -> content = value;
                    default -> {
                    }
                }
            }
            String element = tag.group(1);
            if (id != null) {
                ids.add(unescape(id));
            }
            if (name != null && element.equalsIgnoreCase("a")) {
                ids.add(unescape(name));
            }
            if (href != null) {
                links.add(unescape(href));
            }
            if (src != null) {
                links.add(unescape(src));
            }
            if (element.equalsIgnoreCase("meta") && httpEquiv != null && "refresh".equalsIgnoreCase(unescape(httpEquiv))) {
                Matcher m = REFRESH_URL.matcher(content == null ? "" : unescape(content));
                if (m.matches()) {
                    links.add(m.group(1).strip());
                }
            }
        }
        return new LinkChecker.Scan(links, ids);
    }

    private static String unescape(String v) {
        return v.indexOf('&') < 0 ? v : org.jsoup.parser.Parser.unescapeEntities(v, true);
    }

    private static void assertScannedAlike(String html) {
        assertEquals(byRegex(html), LinkChecker.scan(html), html);
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
            assertScannedAlike(html);
        }
    }

    @Test
    void everyPageOfTheProjectSiteIsReadAsTheExpressionsReadIt() {
        SiteBuilder.Result site = new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.empty())
                .build(Path.of("content"));
        int pages = 0;
        for (String path : site.files().paths()) {
            if (path.endsWith(".html")) {
                assertScannedAlike(new String(site.files().get(path), StandardCharsets.UTF_8));
                pages++;
            }
        }
        assertTrue(pages > 100, pages + " pages");
    }
}
