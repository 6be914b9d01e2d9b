package io.bpacat.catalog;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One rule, joined across locales.
 *
 * @param id               asset ID, {@code <parent id>.<slug>} for a sub-rule, or a path-derived ID when no
 *                         locale gives an asset ID
 * @param assetId          the asset ID, or null when none is known
 * @param kind             single rule or sub-rule of a multi-rule page
 * @param parent           the ID of the multi-rule page, for sub-rules; null otherwise
 * @param severity         {@code error|warning|information}, or null when unknown
 * @param category         category key, or null when unknown
 * @param product          product/feature as written in the reference locale, or null
 * @param operatingSystems operating systems it applies to
 * @param translations     by BCP 47 locale
 * @param checker          path of the rule's checker file relative to the content folder, or null when it has none
 */
public record Rule(String id, String assetId, Kind kind, String parent, String severity, String category,
                   String product, List<String> operatingSystems, SortedMap<String, Translation> translations,
                   String checker) {

    /** Rule kinds as written in {@code catalog.json}. */
    public enum Kind {
        RULE("rule"), SUB_RULE("sub-rule");

        private final String json;

        Kind(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    public Rule {
        operatingSystems = List.copyOf(operatingSystems);
        translations = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(translations));
    }

    /** This rule linked to a checker file. */
    public Rule withChecker(String checkerPath) {
        return new Rule(id, assetId, kind, parent, severity, category, product, operatingSystems, translations,
                checkerPath);
    }

    /** The translation to show by default: en-US if present, else the first locale. */
    public Translation reference() {
        return translations.getOrDefault("en-US", translations.get(translations.firstKey()));
    }
}
