package io.bpacat.catalog;

import io.bpacat.diag.Diagnostic;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The whole catalog: rules and pages joined across locales, with every diagnostic found on the way.
 *
 * @param rules       sorted by ID
 * @param pages       sorted by ID
 * @param diagnostics sorted by file and position
 */
public record Catalog(List<Rule> rules, List<Page> pages, List<Diagnostic> diagnostics) {
    public Catalog {
        rules = List.copyOf(rules);
        pages = List.copyOf(pages);
        diagnostics = List.copyOf(diagnostics);
    }

    public Optional<Rule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Every locale that has at least one rule or page. */
    public SortedSet<String> locales() {
        SortedSet<String> out = new TreeSet<>();
        rules.forEach(r -> out.addAll(r.translations().keySet()));
        pages.forEach(p -> out.addAll(p.translations().keySet()));
        return out;
    }
}
