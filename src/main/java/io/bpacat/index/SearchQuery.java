package io.bpacat.index;

import java.util.Set;

/**
 * A search: words (or an asset ID) and filters. Empty filter sets mean "any".
 *
 * @param text       what the reader typed; a trailing space means the last word is complete (no prefix match)
 * @param severities severity keys to keep
 * @param categories category keys to keep
 * @param products   products to keep (as written)
 * @param locales    locales to search (BCP 47); empty: all
 */
public record SearchQuery(String text, Set<String> severities, Set<String> categories, Set<String> products,
                          Set<String> locales) {
    public SearchQuery {
        severities = Set.copyOf(severities);
        categories = Set.copyOf(categories);
        products = Set.copyOf(products);
        locales = Set.copyOf(locales);
    }

    public static SearchQuery of(String text) {
        return new SearchQuery(text, Set.of(), Set.of(), Set.of(), Set.of());
    }
}
