package io.bpacat.render;

import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.HtmlBlock;
import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import io.bpacat.diag.Diagnostic;
import io.bpacat.parse.LineMap;
import io.bpacat.parse.MarkdownTrees;
import io.bpacat.parse.Slugs;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Markdown to safe HTML for one page: Flexmark renders it (one parser and renderer for every page), jsoup sanitizes
 * it (raw HTML keeps tables, {@code <a name>} anchors and plain formatting; scripts, event handlers,
 * {@code javascript:} URLs, frames, forms and styles go), then the HTML is finished for the site: DocFX alerts become
 * callouts, headings get their anchors as IDs, links are rewritten ({@link LinkRewriter}) and images from other hosts
 * become links, so a page never requests anything from another host. Problems come back as diagnostics on the
 * Markdown's real file lines.
 */
public final class ContentRenderer {
    private static final Pattern ALERT = Pattern.compile("^\\s*\\[!([A-Za-z]+)\\]\\s*");
    private static final Pattern UNSAFE = Pattern.compile("(?i)<\\s*(script|iframe|frame|object|embed|form|input|button"
            + "|style|svg|math|link|meta|base|textarea|select)\\b|\\son[a-z]+\\s*=|javascript\\s*:|\\shidden\\b|"
            + "\\sstyle\\s*=\\s*[\"'][^\"']*(display|visibility|opacity|font-size|position|clip|height)");
    private static final Pattern FAKE_BASE = Pattern.compile("^https://content\\.invalid/");
    private static final String BASE = "https://content.invalid/";
    private static final boolean CROSS_CHECK = Boolean.getBoolean("bpacat.sanitizer.crossCheck");
    /** The selectors, parsed once (an evaluator may be reused: jsoup resets it on each search). */
    private static final Evaluator STYLED_COLUMNS = QueryParser.parse("col[style]");
    private static final Evaluator ALL = QueryParser.parse("*");
    private static final Evaluator QUOTES = QueryParser.parse("blockquote");
    private static final Evaluator HEADINGS = QueryParser.parse("h1, h2, h3, h4, h5, h6");
    private static final Evaluator NAMED_ANCHORS = QueryParser.parse("a[name]:not([href])");
    private static final Evaluator TABLES = QueryParser.parse("table");
    private static final Evaluator LINKS = QueryParser.parse("a[href]");
    private static final Evaluator IMAGES = QueryParser.parse("img");
    private static final org.jsoup.parser.Parser PARSER = org.jsoup.parser.Parser.htmlParser()
            .settings(new org.jsoup.parser.ParseSettings(true, false));

    private final Parser parser;
    private final HtmlRenderer renderer;
    private final Safelist safelist;
    private final Pattern appliesTo;
    private final LinkRewriter links;
    private final MarkdownTrees trees;

    public ContentRenderer(LinkRewriter links, Pattern appliesTo) {
        this(links, appliesTo, null);
    }

    /** @param trees the trees the catalog stage parsed, taken instead of parsing those bodies again; or null */
    public ContentRenderer(LinkRewriter links, Pattern appliesTo, MarkdownTrees trees) {
        this.trees = trees;
        MutableDataSet options = io.bpacat.parse.RulePageParser.markdownOptions();
        options.set(HtmlRenderer.SOFT_BREAK, "\n");
        options.set(HtmlRenderer.GENERATE_HEADER_ID, false); // headingIds() gives the IDs; Flexmark's are not rendered
        this.parser = Parser.builder(options).build();
        this.renderer = HtmlRenderer.builder(options).build();
        this.safelist = safelist();
        this.appliesTo = appliesTo;
        this.links = links;
    }

    private static Safelist safelist() {
        return Safelist.relaxed()
                .addTags("hr", "kbd", "del", "ins", "s", "abbr", "samp", "var", "mark")
                .addAttributes("a", "name", "id")
                .addAttributes("code", "class")
                .addAttributes("th", "align")
                .addAttributes("td", "align")
                .addAttributes(":all", "lang", "dir")
                .removeProtocols("img", "src", "http")
                .preserveRelativeLinks(true);
    }

    /** What to leave out of a page's body because the site template shows it in its own way. */
    public enum Lead {
        /** Only the first-level title. */
        TITLE,
        /** The title, the "Applies to" line and the property table of a rule page. */
        RULE_PAGE
    }

    /**
     * The page being rendered.
     *
     * @param source    its source file (content-relative)
     * @param firstLine the file line of the Markdown's first line
     * @param pagePath  the site path of the generated page
     * @param original  the page's original URL, if known
     * @param labels    localized interface words (alert titles)
     */
    public record Context(String source, int firstLine, String pagePath, Optional<URI> original,
                          Function<String, String> labels) {
    }

    /**
     * Safe HTML and what went wrong on the way.
     *
     * @param html        the body HTML
     * @param links       every content link with its source line, for the link check
     * @param diagnostics problems, on the source file's lines
     */
    public record Rendered(String html, List<LinkRecord> links, List<Diagnostic> diagnostics) {
    }

    /** A link the content wrote, as it appears in the output, with where it came from. */
    public record LinkRecord(String pagePath, String href, String source, int line) {
    }

    public Rendered render(String markdown, Lead lead, Context ctx) {
        Document parsed = trees == null ? null : trees.take(markdown);
        Document doc = parsed != null ? parsed : parser.parse(markdown);
        stripLead(doc, lead);
        String html = renderer.render(doc);
        LineFinder lines = new LineFinder(markdown, ctx.firstLine());
        List<Diagnostic> diags = new ArrayList<>();
        org.jsoup.nodes.Document dirty = PARSER.parseInput("<body>" + html, BASE);
        dirty.select(STYLED_COLUMNS).forEach(c -> c.removeAttr("style"));
        unknownTagsAsText(dirty, ctx.source(), markdown, lines, diags);
        Cleaner cleaner = new Cleaner(safelist);
        boolean valid = isValid(dirty, cleaner);
        if (!valid) {
            Matcher m = UNSAFE.matcher(markdown);
            int line = m.find() ? lines.lineAt(m.start()) : ctx.firstLine();
            diags.add(new Diagnostic(ctx.source(), line, 0, Diagnostic.Level.WARNING, "BPA063",
                    "HTML that is unsafe or not supported was removed" + (m.find(0) ? " (" + m.group().strip() + ")" : ""),
                    "use Markdown, or plain tables and <a name> anchors"));
        }
        Element body = valid ? dirty.body() : cleaner.clean(dirty).body();
        alerts(body, ctx.labels());
        headingIds(body);
        tables(body);
        List<LinkRecord> records = new ArrayList<>();
        images(body, ctx, lines, diags);
        rewriteLinks(body, ctx, lines, records, diags);
        body.ownerDocument().outputSettings().prettyPrint(false);
        return new Rendered(body.html(), records, diags);
    }

    /**
     * Whether the cleaner would keep the whole body ({@link Cleaner#isValid}, which cleans a copy to find out): no tag,
     * attribute, comment or script it would drop. Counted here without making the copy; a body it would keep whole is
     * used as it is, and only another body is cleaned (copied). With the system property
     * {@code bpacat.sanitizer.crossCheck} (set for the test suite) the cleaner is asked too, and a different answer, or
     * a cleaned copy of a body said to be kept whole that differs from it, is an error.
     */
    private boolean isValid(org.jsoup.nodes.Document dirty, Cleaner cleaner) {
        boolean valid = dirty.head().childNodes().isEmpty() && keepsAll(dirty.body());
        if (CROSS_CHECK && valid != cleaner.isValid(dirty)) {
            throw new IllegalStateException("the sanitizer check says " + valid + ", jsoup's Cleaner " + !valid);
        }
        if (CROSS_CHECK && valid && !cleaner.clean(dirty).body().outerHtml().equals(dirty.body().outerHtml())) {
            throw new IllegalStateException("jsoup's Cleaner changes a body the sanitizer check keeps whole");
        }
        return valid;
    }

    /** Whether the cleaner would copy every node below {@code root} whole (its CleaningVisitor's count is 0). */
    private boolean keepsAll(Element root) {
        return root.nodeStream().allMatch(n -> keeps(n, root));
    }

    private boolean keeps(org.jsoup.nodes.Node n, Element root) {
        if (n instanceof Element el) {
            return safelist.isSafeTag(el.normalName())
                    ? el.attributes().asList().stream().allMatch(a -> safelist.isSafeAttribute(el.tagName(), el, a))
                    : el == root;
        }
        if (n instanceof org.jsoup.nodes.DataNode) {
            return safelist.isSafeTag(n.parent().normalName());
        }
        return n instanceof TextNode; // not comments and the like
    }

    /**
     * A tag that HTML does not know ({@code <MyVM>}, {@code <service-name>}) is a placeholder written without its
     * backslash: it stays as text, with a warning, instead of vanishing with everything inside it.
     */
    private static void unknownTagsAsText(org.jsoup.nodes.Document dirty, String source, String markdown,
                                          LineFinder lines, List<Diagnostic> diags) {
        for (Element el : dirty.body().select(ALL)) {
            if (el.tag().isKnownTag() || el == dirty.body()) {
                continue;
            }
            StringBuilder tag = new StringBuilder("<").append(el.tagName());
            el.attributes().forEach(a -> tag.append(' ').append(a.getKey())
                    .append(a.getValue().isEmpty() ? "" : "=\"" + a.getValue() + "\""));
            tag.append('>');
            int at = markdown.indexOf("<" + el.tagName());
            diags.add(new Diagnostic(source, at < 0 ? lines.lineAt(0) : lines.lineAt(at), 0, Diagnostic.Level.WARNING,
                    "BPA067", tag + " is not HTML: shown as text", "write it as \\" + tag + " in the Markdown"));
            el.before(new TextNode(tag.toString()));
            el.unwrap();
        }
    }

    private void stripLead(Document doc, Lead lead) {
        boolean title = false;
        boolean table = lead != Lead.RULE_PAGE;
        boolean applies = lead != Lead.RULE_PAGE;
        for (Node n = doc.getFirstChild(); n != null; ) {
            Node next = n.getNext();
            if (n instanceof Heading h && h.getLevel() >= 2) {
                break;
            }
            if (!title && n instanceof Heading h && h.getLevel() == 1) {
                n.unlink();
                title = true;
            } else if (!table && (n instanceof TableBlock || n instanceof HtmlBlock hb
                    && hb.getChars().toString().toLowerCase(Locale.ROOT).contains("<table"))) {
                n.unlink();
                table = true;
            } else if (!applies && n instanceof BlockQuote q
                    && appliesTo.matcher(q.getChars().toString().lines().findFirst().orElse("")).matches()) {
                n.unlink();
                applies = true;
            }
            n = next;
        }
    }

    private static void alerts(Element body, Function<String, String> labels) {
        for (Element q : body.select(QUOTES)) {
            Element first = q.firstElementChild();
            TextNode text = first == null || first.childNodeSize() == 0 || !(first.childNode(0) instanceof TextNode t)
                    ? null : t;
            Matcher m = text == null ? null : ALERT.matcher(text.getWholeText());
            if (m == null || !m.find()) {
                continue;
            }
            String type = m.group(1).toLowerCase(Locale.ROOT);
            text.text(text.getWholeText().substring(m.end()));
            if (first.text().isBlank() && first.children().isEmpty()) {
                first.remove();
            }
            Element box = new Element("div").addClass("alert").addClass("alert-" + type).attr("role", "note");
            box.appendElement("p").addClass("alert-title").text(labels.apply("alert." + type));
            box.insertChildren(-1, q.childNodesCopy());
            q.replaceWith(box);
        }
    }

    /**
     * Headings get the ID of their {@code <a name>} anchor, else a GitHub-style slug; a repeated one gets
     * {@code -1}, {@code -2}, as the parser names sub-rules. Other {@code <a name>} anchors keep their name as ID.
     */
    private static void headingIds(Element body) {
        Set<String> used = new HashSet<>();
        for (Element h : body.select(HEADINGS)) {
            Element anchor = h.selectFirst(NAMED_ANCHORS);
            String base;
            if (anchor != null && anchor.text().isBlank()) {
                base = anchor.attr("name").strip();
                anchor.remove();
            } else {
                base = Slugs.github(h.text());
            }
            base = base.isEmpty() ? "section" : base;
            String id = base;
            for (int n = 1; used.contains(id); n++) {
                id = base + "-" + n;
            }
            used.add(id);
            h.id(id);
        }
        for (Element a : body.select(NAMED_ANCHORS)) {
            String name = a.attr("name").strip();
            a.removeAttr("name");
            if (!name.isEmpty() && used.add(name)) {
                a.id(name);
            }
        }
    }

    /** Wide tables scroll in a focusable region of their own. */
    private static void tables(Element body) {
        for (Element t : body.select(TABLES)) {
            t.wrap("<div class=\"table-wrap\" tabindex=\"0\"></div>");
        }
    }

    private void rewriteLinks(Element body, Context ctx, LineFinder lines, List<LinkRecord> records,
                              List<Diagnostic> diags) {
        for (Element a : body.select(LINKS)) {
            String raw = FAKE_BASE.matcher(a.attr("href")).replaceFirst("");
            int line = lines.lineOf(raw);
            LinkRewriter.Result r = links.rewrite(raw, ctx.source(), ctx.pagePath(), ctx.original());
            a.attr("href", r.href());
            if (!r.problem().isEmpty()) {
                diags.add(new Diagnostic(ctx.source(), line, 0, Diagnostic.Level.WARNING, "BPA061", r.problem()
                        + "; left as written", "link to a page of the catalog, or set 'origin' in site.yaml"));
            }
            records.add(new LinkRecord(ctx.pagePath(), r.href(), ctx.source(), line));
        }
    }

    /**
     * Images: the site publishes no media files and requests nothing from other hosts, so an image becomes a link
     * to it on its original site, or, when that is unknown, its text with a warning.
     */
    private void images(Element body, Context ctx, LineFinder lines, List<Diagnostic> diags) {
        for (Element img : body.select(IMAGES)) {
            String src = FAKE_BASE.matcher(img.attr("src")).replaceFirst("");
            String alt = img.attr("alt").isBlank() ? src : img.attr("alt");
            LinkRewriter.Result r = links.rewrite(src, ctx.source(), ctx.pagePath(), ctx.original());
            if (r.href().startsWith("https:") || r.href().startsWith("http:")) {
                img.replaceWith(new Element("a").attr("href", r.href()).text(alt));
            } else {
                diags.add(new Diagnostic(ctx.source(), lines.lineOf(src), 0, Diagnostic.Level.WARNING, "BPA068",
                        "image " + src + " is not published (the site has no media files): its text is shown",
                        "link to the image on its original site, or set 'origin' in site.yaml"));
                img.replaceWith(new TextNode(alt));
            }
        }
    }

    /** File lines of positions in a Markdown text, and the line where a link's text first appears. */
    static final class LineFinder {
        private final String text;
        private final int firstLine;
        private final java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        /** Made on the first question: a page with links asks once per link, and overview pages have thousands. */
        private LineMap lines;

        LineFinder(String text, int firstLine) {
            this.text = text;
            this.firstLine = firstLine;
        }

        int lineAt(int offset) {
            if (lines == null) {
                lines = new LineMap(text, firstLine);
            }
            return lines.line(offset);
        }

        /** The line of the n-th occurrence of a link target, n counting the calls for the same target. */
        int lineOf(String href) {
            int from = seen.getOrDefault(href, 0);
            int at = text.indexOf(href, from);
            if (at < 0 && from > 0) {
                at = text.indexOf(href);
            }
            if (at < 0) {
                return firstLine;
            }
            seen.put(href, at + href.length());
            return lineAt(at);
        }
    }
}
