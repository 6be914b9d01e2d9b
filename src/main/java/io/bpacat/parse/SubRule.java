package io.bpacat.parse;

import java.util.Map;

/**
 * One rule inside a multi-rule page.
 *
 * @param slug     the English anchor slug that identifies it across locales
 * @param title    the heading text in the page's language
 * @param line     1-based file line of its heading
 * @param markdown its whole content below the heading, as Markdown
 * @param sections its Issue / Impact / Resolution paragraphs by role
 */
public record SubRule(String slug, String title, int line, String markdown, Map<SectionRole, Section> sections) {
    public SubRule {
        sections = Map.copyOf(sections);
    }
}
