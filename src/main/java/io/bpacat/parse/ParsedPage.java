package io.bpacat.parse;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page, parsed: what the catalog needs to know of it. Immutable.
 *
 * @param path               path relative to the content folder
 * @param localPath          path relative to its locale folder (the join key across locales)
 * @param locale             BCP 47 locale ({@code it-IT})
 * @param frontMatter        every front-matter key
 * @param kind               rule, multi-rule or overview page
 * @param title              title (front matter, else first heading)
 * @param titleAnchor        the English anchor of the first heading, or empty
 * @param description        front-matter description, or empty
 * @param assetId            lower-case GUID from {@code ms.assetid}, or empty
 * @param date               {@code ms.date} as written, or empty
 * @param machineTranslated  whether {@code ms.translationtype} says MT
 * @param properties         the property table, if the page has one
 * @param appliesTo          the "Applies to" line's value, or empty
 * @param sections           role sections
 * @param alerts             DocFX alerts
 * @param placeholders       escaped placeholders such as {@code \<list of virtual machines>} (their inner text)
 * @param subRules           the rules of a multi-rule page
 * @param body               the Markdown body (after the front matter)
 * @param bodyLine           the file line where the body starts
 */
public record ParsedPage(String path, String localPath, String locale, FrontMatter frontMatter, PageKind kind,
                         String title, String titleAnchor, String description, String assetId, String date,
                         boolean machineTranslated, Optional<Properties> properties, String appliesTo,
                         Map<SectionRole, Section> sections, List<Alert> alerts, List<String> placeholders,
                         List<SubRule> subRules, String body, int bodyLine) {
    public ParsedPage {
        sections = Map.copyOf(sections);
        alerts = List.copyOf(alerts);
        placeholders = List.copyOf(placeholders);
        subRules = List.copyOf(subRules);
    }
}
