package io.bpacat.parse;

import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.HtmlBlock;
import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.ext.tables.TableSeparator;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import io.bpacat.diag.Diagnostics;
import io.bpacat.source.SourceText;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one decoded page into a {@link ParsedPage}: front matter, locale, asset ID, property table (Markdown or
 * HTML), "Applies to" line, role sections in any language, DocFX alerts, escaped placeholders, and the rules of a
 * multi-rule page. One instance (one Flexmark parser) serves every page; problems go to the diagnostics.
 */
public final class RulePageParser {
    private static final Pattern ANCHOR = Pattern.compile("<a\\s+name\\s*=\\s*\"([^\"]*)\"\\s*>\\s*</a>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ESCAPE = Pattern.compile("\\\\(.)");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern TRAILING_PARENS = Pattern.compile("\\s*\\(.*\\)\\s*$");
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern ALERT = Pattern.compile("^\\s*\\[!([A-Za-z]+)\\]");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\\\<([^<>\\n]{1,200})>");
    private static final Pattern LABEL_LINE = Pattern.compile(
            "^\\s*(?:\\*\\*([^*\\n]{1,60}?)\\s*(?::\\s*)?\\*\\*\\s*:?|([^*:\\n]{1,40}?)\\s*:)\\s*(.*)$");
    private static final Pattern HTML_ROW = Pattern.compile("<tr\\b[^>]*>(.*?)</tr>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern HTML_CELL = Pattern.compile("<t[dh]\\b[^>]*>(.*?)</t[dh]>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final Vocabulary vocabulary;
    private final String defaultLocale;
    private final Parser markdown;
    private final MarkdownTrees trees;
    private final FrontMatterReader frontMatterReader = new FrontMatterReader();
    private final PropertyTableReader tableReader;
    private final Pattern appliesTo;

    public RulePageParser(Vocabulary vocabulary, String defaultLocale) {
        this(vocabulary, defaultLocale, null);
    }

    /** @param trees where to leave each body's Markdown tree for the render stage, or null */
    public RulePageParser(Vocabulary vocabulary, String defaultLocale, MarkdownTrees trees) {
        this.trees = trees;
        this.vocabulary = vocabulary;
        this.defaultLocale = defaultLocale;
        this.tableReader = new PropertyTableReader(vocabulary);
        this.appliesTo = vocabulary.appliesToPattern();
        this.markdown = Parser.builder(markdownOptions()).build();
    }

    /**
     * The Markdown dialect of rule pages (GFM tables as the corpus writes them: one-dash separators, ragged rows);
     * the render stage parses with the same options.
     */
    public static MutableDataSet markdownOptions() {
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
        options.set(TablesExtension.MIN_SEPARATOR_DASHES, 1);
        options.set(TablesExtension.APPEND_MISSING_COLUMNS, true);
        options.set(TablesExtension.DISCARD_EXTRA_COLUMNS, true);
        options.set(TablesExtension.HEADER_SEPARATOR_COLUMN_MATCH, false);
        return options;
    }

    public ParsedPage parse(SourceText source, Diagnostics diags) {
        String file = source.file().path();
        FrontMatterReader.Split split = frontMatterReader.read(file, source.text(), diags);
        FrontMatter fm = split.frontMatter();
        String body = split.body();
        Document doc = markdown.parse(body);
        if (trees != null) {
            trees.put(body, doc);
        }
        LineMap lines = new LineMap(body, split.bodyLine());
        String locale = locale(file, fm, source.file().localeDir(), diags);
        List<Heading> headings = headings(doc);
        Optional<Properties> props = properties(file, locale, doc, lines, diags);
        Map<SectionRole, Section> sections = sections(headings, body, lines);
        List<SubRule> subRules = props.isPresent() ? List.of() : subRules(headings, body, lines);
        PageKind kind = kind(props, sections, subRules);
        Optional<Heading> h1 = headings.stream().filter(h -> h.getLevel() == 1).findFirst();
        return new ParsedPage(file, source.file().localPath(), locale, fm, kind,
                title(file, fm, h1, diags), h1.map(h -> anchor(h.getText().toString())).orElse(""),
                fm.text("description").orElse(""), assetId(file, fm, diags), fm.text("ms.date").orElse(""),
                fm.text("ms.translationtype").map(t -> t.equalsIgnoreCase("MT")).orElse(false),
                props, appliesTo(body), sections, alerts(doc, body, lines), placeholders(body), subRules, body,
                split.bodyLine());
    }

    private static PageKind kind(Optional<Properties> props, Map<SectionRole, Section> sections, List<SubRule> subs) {
        if (props.isPresent()) {
            return PageKind.RULE;
        }
        if (!subs.isEmpty()) {
            return PageKind.MULTI_RULE;
        }
        return sections.containsKey(SectionRole.ISSUE) && sections.containsKey(SectionRole.RESOLUTION)
                ? PageKind.RULE : PageKind.OVERVIEW;
    }

    private String locale(String file, FrontMatter fm, String localeDir, Diagnostics diags) {
        Optional<String> declared = fm.text("ms.contentlocale").map(RulePageParser::canonicalLocale);
        Optional<String> folder = localeDir.isEmpty() ? Optional.empty() : Optional.of(canonicalLocale(localeDir));
        if (declared.isPresent() && folder.isPresent() && !declared.get().equalsIgnoreCase(folder.get())) {
            diags.warning(file, fm.lineOf("ms.contentlocale"), 1, "BPA050", "ms.contentlocale " + declared.get()
                    + " differs from the locale folder " + localeDir + "/; using " + declared.get(),
                    "move the page to the " + declared.get().toLowerCase(Locale.ROOT) + "/ folder or fix the key");
        }
        return declared.or(() -> folder).orElse(defaultLocale);
    }

    /** {@code it-it} → {@code it-IT}; {@code zh-hant-tw} → {@code zh-Hant-TW}. */
    public static String canonicalLocale(String tag) {
        return Locale.forLanguageTag(tag.strip().replace('_', '-')).toLanguageTag();
    }

    private static String assetId(String file, FrontMatter fm, Diagnostics diags) {
        Optional<String> raw = fm.text("ms.assetid");
        if (raw.isEmpty()) {
            return "";
        }
        String id = raw.get().toLowerCase(Locale.ROOT).replace("{", "").replace("}", "").strip();
        if (!GUID.matcher(id).matches()) {
            diags.error(file, fm.lineOf("ms.assetid"), 1, "BPA021", "ms.assetid \"" + raw.get()
                    + "\" is not a GUID; the page is catalogued without an asset ID",
                    "use the form 0a1b2c3d-0000-0000-0000-000000000000");
            return "";
        }
        return id;
    }

    private static String title(String file, FrontMatter fm, Optional<Heading> h1, Diagnostics diags) {
        Optional<String> t = fm.text("title").or(() -> h1.map(h -> plain(h.getText().toString())))
                .filter(s -> !s.isBlank());
        if (t.isEmpty()) {
            diags.warning(file, 1, 1, "BPA022", "page has no title (no 'title:' key and no '# ' heading)",
                    "add 'title: ...' to the front matter");
            String name = file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.md$", "");
            return name.replace('-', ' ');
        }
        return t.get();
    }

    private static List<Heading> headings(Document doc) {
        List<Heading> out = new ArrayList<>();
        for (Node n : doc.getDescendants()) {
            if (n instanceof Heading h) {
                out.add(h);
            }
        }
        return out;
    }

    private Optional<Properties> properties(String file, String locale, Document doc, LineMap lines,
                                            Diagnostics diags) {
        for (Node n : doc.getDescendants()) {
            List<PropertyTableReader.Row> rows = n instanceof TableBlock t ? markdownRows(t, lines)
                    : n instanceof HtmlBlock h && h.getChars().toString().toLowerCase(Locale.ROOT).contains("<table")
                    ? htmlRows(h, lines) : List.of();
            if (!rows.isEmpty() && tableReader.isPropertyTable(rows)) {
                return Optional.of(tableReader.read(file, locale, rows, lines.line(n.getStartOffset()), diags));
            }
        }
        return Optional.empty();
    }

    private static List<PropertyTableReader.Row> markdownRows(TableBlock table, LineMap lines) {
        List<PropertyTableReader.Row> rows = new ArrayList<>();
        for (Node n : table.getDescendants()) {
            if (n instanceof TableRow row && !(row.getParent() instanceof TableSeparator)) {
                List<TableCell> cells = new ArrayList<>();
                row.getChildren().forEach(c -> {
                    if (c instanceof TableCell cell) {
                        cells.add(cell);
                    }
                });
                if (cells.size() >= 2) {
                    int a = cells.get(0).getText().getStartOffset();
                    int b = cells.get(1).getText().getStartOffset();
                    rows.add(new PropertyTableReader.Row(cells.get(0).getText().toString(),
                            cells.get(1).getText().toString(), lines.line(a), lines.column(a), lines.column(b)));
                }
            }
        }
        return rows;
    }

    private static List<PropertyTableReader.Row> htmlRows(HtmlBlock block, LineMap lines) {
        String html = block.getChars().toString();
        int base = block.getStartOffset();
        List<PropertyTableReader.Row> rows = new ArrayList<>();
        Matcher row = HTML_ROW.matcher(html);
        while (row.find()) {
            Matcher cell = HTML_CELL.matcher(row.group(1));
            List<String> cells = new ArrayList<>();
            List<Integer> starts = new ArrayList<>();
            while (cell.find()) {
                cells.add(org.jsoup.parser.Parser.unescapeEntities(cell.group(1), false));
                starts.add(base + row.start(1) + cell.start(1));
            }
            if (cells.size() >= 2) {
                rows.add(new PropertyTableReader.Row(cells.get(0), cells.get(1), lines.line(starts.get(0)),
                        lines.column(starts.get(0)), lines.column(starts.get(1))));
            }
        }
        return rows;
    }

    private Map<SectionRole, Section> sections(List<Heading> headings, String body, LineMap lines) {
        Map<SectionRole, Section> out = new EnumMap<>(SectionRole.class);
        for (int i = 0; i < headings.size(); i++) {
            Heading h = headings.get(i);
            if (h.getLevel() < 2) {
                continue;
            }
            Optional<SectionRole> role = role(h.getText().toString());
            if (role.isPresent() && !out.containsKey(role.get())) {
                int end = sectionEnd(headings, i, body.length());
                String raw = h.getText().toString();
                out.put(role.get(), new Section(role.get(), plain(raw), anchor(raw),
                        body.substring(Math.min(h.getEndOffset(), end), end).strip(), lines.line(h.getStartOffset())));
            }
        }
        return out;
    }

    private Optional<SectionRole> role(String headingText) {
        String anchor = anchor(headingText);
        if (!anchor.isEmpty()) {
            Optional<SectionRole> byAnchor = vocabulary.anchorRole(anchor).flatMap(SectionRole::ofKey);
            if (byAnchor.isPresent()) {
                return byAnchor;
            }
        }
        String text = plain(headingText);
        return vocabulary.lookup(Vocabulary.Kind.SECTION, text)
                .or(() -> vocabulary.lookup(Vocabulary.Kind.SECTION, TRAILING_PARENS.matcher(text).replaceFirst("")))
                .map(Vocabulary.Term::key).flatMap(SectionRole::ofKey);
    }

    private static int sectionEnd(List<Heading> headings, int i, int bodyLength) {
        int level = headings.get(i).getLevel();
        for (int j = i + 1; j < headings.size(); j++) {
            if (headings.get(j).getLevel() <= level) {
                return headings.get(j).getStartOffset();
            }
        }
        return bodyLength;
    }

    private List<SubRule> subRules(List<Heading> headings, String body, LineMap lines) {
        List<SubRule> out = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int i = 0; i < headings.size(); i++) {
            Heading h = headings.get(i);
            if (h.getLevel() < 2) {
                continue;
            }
            int start = Math.min(h.getEndOffset(), body.length());
            int end = sectionEnd(headings, i, body.length());
            int direct = i + 1 < headings.size() ? Math.min(end, headings.get(i + 1).getStartOffset()) : end;
            if (!labelledParts(body.substring(start, direct), 0).containsKey(SectionRole.ISSUE)) {
                continue;
            }
            String content = body.substring(start, end);
            Map<SectionRole, Section> parts = labelledParts(content, lines.line(start));
            if (parts.containsKey(SectionRole.ISSUE)) {
                String raw = h.getText().toString();
                String anchor = anchor(raw);
                String base = anchor.isEmpty() ? Slugs.github(plain(raw)) : anchor;
                String slug = base;
                for (int n = 1; !used.add(slug); n++) {
                    slug = base + "-" + n;
                }
                out.add(new SubRule(slug, plain(raw), lines.line(h.getStartOffset()), content.strip(), parts));
            }
        }
        return out;
    }

    /** The bold "Issue:", "Impact:", "Resolution:" paragraphs of a multi-rule page section. */
    private Map<SectionRole, Section> labelledParts(String content, int firstLine) {
        Map<SectionRole, Section> parts = new EnumMap<>(SectionRole.class);
        String[] rows = content.split("\n", -1);
        SectionRole current = null;
        String label = "";
        int startRow = 0;
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows.length; r++) {
            Matcher m = LABEL_LINE.matcher(rows[r]);
            Optional<SectionRole> role = Optional.empty();
            if (m.matches()) {
                String l = m.group(1) != null ? m.group(1) : m.group(2);
                role = vocabulary.lookup(Vocabulary.Kind.SECTION, l).map(Vocabulary.Term::key)
                        .flatMap(SectionRole::ofKey).filter(x -> !parts.containsKey(x));
                if (role.isPresent()) {
                    if (current != null) {
                        parts.put(current, new Section(current, label, "", text.toString().strip(), firstLine + startRow));
                    }
                    current = role.get();
                    label = l.strip();
                    startRow = r;
                    text.setLength(0);
                    text.append(m.group(3)).append('\n');
                    continue;
                }
            }
            if (current != null) {
                text.append(rows[r]).append('\n');
            }
        }
        if (current != null) {
            parts.put(current, new Section(current, label, "", text.toString().strip(), firstLine + startRow));
        }
        return parts;
    }

    private String appliesTo(String body) {
        int checked = 0;
        for (String line : body.split("\n", 60)) {
            if (line.startsWith("## ") || checked++ > 40) {
                break;
            }
            Matcher m = appliesTo.matcher(line);
            if (m.matches()) {
                return m.group(1).replace("*", "").strip();
            }
        }
        return "";
    }

    /** The DocFX alerts of a body ({@code doc} is its tree). */
    private static List<Alert> alerts(Document doc, String body, LineMap lines) {
        List<Alert> out = new ArrayList<>();
        if (!body.contains("[!")) {
            return out; // an alert's marker is in the text: most pages have none, and the tree need not be walked
        }
        for (Node n : doc.getDescendants()) {
            if (n instanceof BlockQuote q && q.getFirstChild() != null) {
                Matcher m = ALERT.matcher(q.getFirstChild().getChars().toString());
                if (m.find()) {
                    out.add(new Alert(m.group(1).toUpperCase(Locale.ROOT), lines.line(q.getStartOffset())));
                }
            }
        }
        return out;
    }

    private static List<String> placeholders(String body) {
        List<String> out = new ArrayList<>();
        if (!body.contains("\\<")) {
            return out; // most pages have none: no need to run the expression over the body
        }
        Matcher m = PLACEHOLDER.matcher(body);
        while (m.find()) {
            out.add(m.group(1).strip());
        }
        return out;
    }

    /** The English anchor of a heading written {@code <a name="x"></a>Text}, or empty. */
    static String anchor(String headingText) {
        Matcher m = ANCHOR.matcher(headingText);
        return m.find() ? m.group(1).strip() : "";
    }

    /** Heading or cell text without anchors, tags, emphasis and escapes. */
    static String plain(String markdownText) {
        String s = TAG.matcher(markdownText).replaceAll("").replace("**", "").replace("__", "");
        s = s.indexOf('\\') >= 0 ? ESCAPE.matcher(s).replaceAll("$1") : s;
        return SPACES.matcher(s).replaceAll(" ").strip();
    }
}
