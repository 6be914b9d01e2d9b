package io.bpacat.index;

import java.util.List;

/**
 * What search knows of one rule in one locale.
 *
 * @param ruleId           the rule's ID
 * @param locale           BCP 47 locale of this translation
 * @param title            title in that locale
 * @param body             plain text of its sections (issue, impact, resolution, see also)
 * @param meta             product and operating systems, searchable as words
 * @param severity         severity key, or empty
 * @param category         category key, or empty
 * @param product          product as written, or empty
 * @param operatingSystems operating systems
 * @param url              site-relative URL of the rule page ({@code it-it/rules/<id>/})
 * @param excerpt          the start of its text, for snippets
 */
public record SearchDocument(String ruleId, String locale, String title, String body, String meta, String severity,
                             String category, String product, List<String> operatingSystems, String url,
                             String excerpt) {
    public SearchDocument {
        operatingSystems = List.copyOf(operatingSystems);
    }
}
