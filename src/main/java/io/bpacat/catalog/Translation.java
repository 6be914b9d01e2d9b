package io.bpacat.catalog;

import io.bpacat.parse.Alert;
import io.bpacat.parse.Section;
import io.bpacat.parse.SectionRole;
import java.util.List;
import java.util.Map;

/**
 * A rule or page in one locale.
 *
 * @param locale            BCP 47 locale ({@code it-IT})
 * @param title             title in that language
 * @param description       front-matter description, or empty
 * @param source            source path relative to the content folder
 * @param line              file line where it starts (1 for a page, the heading line for a sub-rule)
 * @param anchor            the English anchor on the source page ({@code disable-ip-filtering}), or empty
 * @param date              {@code ms.date} as written, or empty
 * @param machineTranslated whether the page says it is machine-translated
 * @param appliesTo         the "Applies to" value, or empty
 * @param sections          role sections present, with their Markdown
 * @param alerts            DocFX alerts on the page
 * @param placeholders      escaped placeholders
 * @param body              the Markdown body to render (a sub-rule's own part of its page)
 * @param bodyLine          file line where {@code body} starts
 * @param frontMatter       every front-matter key of the source page
 */
public record Translation(String locale, String title, String description, String source, int line, String anchor,
                          String date, boolean machineTranslated, String appliesTo, Map<SectionRole, Section> sections,
                          List<Alert> alerts, List<String> placeholders, String body, int bodyLine,
                          Map<String, Object> frontMatter) {
    public Translation {
        sections = Map.copyOf(sections);
        alerts = List.copyOf(alerts);
        placeholders = List.copyOf(placeholders);
    }
}
