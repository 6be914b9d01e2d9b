package io.bpacat.index;

import io.bpacat.catalog.Catalog;
import io.bpacat.catalog.Rule;
import io.bpacat.catalog.Translation;
import io.bpacat.parse.Section;
import io.bpacat.parse.SectionRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Turns a catalog into the documents of each locale's index, in catalog order. */
public final class SearchDocuments {
    private static final int EXCERPT_CHARS = 600;

    private SearchDocuments() {
    }

    /** Documents by locale; each list in rule-ID order, which is also their document number order. */
    public static Map<String, List<SearchDocument>> of(Catalog catalog) {
        return of(catalog, MarkdownText::plain);
    }

    /** @param plain turns a section's Markdown into plain text ({@link MarkdownText#plain}, or a memo of it) */
    static Map<String, List<SearchDocument>> of(Catalog catalog, UnaryOperator<String> plain) {
        Map<String, List<SearchDocument>> byLocale = new TreeMap<>();
        for (Rule r : catalog.rules()) {
            r.translations().forEach((locale, t) -> byLocale.computeIfAbsent(locale, k -> new ArrayList<>())
                    .add(document(r, t, plain)));
        }
        return byLocale;
    }

    private static SearchDocument document(Rule r, Translation t, UnaryOperator<String> plain) {
        StringBuilder body = new StringBuilder();
        for (SectionRole role : SectionRole.values()) {
            Section s = t.sections().get(role);
            if (s != null) {
                body.append(plain.apply(s.markdown())).append('\n');
            }
        }
        if (body.isEmpty()) {
            body.append(plain.apply(t.body()));
        }
        String text = body.toString().strip();
        String excerpt = text.length() <= EXCERPT_CHARS ? text : cut(text);
        String meta = (nz(r.product()) + " " + String.join(" ", r.operatingSystems())).strip();
        return new SearchDocument(r.id(), t.locale(), t.title(), text, meta, nz(r.severity()), nz(r.category()),
                nz(r.product()), r.operatingSystems(), urlOf(t.locale(), r.id()), excerpt);
    }

    /** The site-relative URL of a rule page. */
    public static String urlOf(String locale, String ruleId) {
        return locale.toLowerCase(Locale.ROOT) + "/rules/" + ruleId + "/";
    }

    private static String cut(String text) {
        int end = text.lastIndexOf(' ', EXCERPT_CHARS);
        return text.substring(0, end > EXCERPT_CHARS / 2 ? end : EXCERPT_CHARS) + " …";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
