package io.bpacat.catalog;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A page that is not itself a rule: an overview, or a page that lists many rules.
 *
 * @param id           asset ID, or a path-derived ID
 * @param assetId      the asset ID, or null
 * @param kind         {@code overview} or {@code multi-rule}
 * @param rules        IDs of the rules it describes (multi-rule pages), sorted
 * @param translations by BCP 47 locale
 */
public record Page(String id, String assetId, String kind, List<String> rules,
                   SortedMap<String, Translation> translations) {
    public Page {
        rules = List.copyOf(rules);
        translations = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(translations));
    }

    public Translation reference() {
        return translations.getOrDefault("en-US", translations.get(translations.firstKey()));
    }
}
