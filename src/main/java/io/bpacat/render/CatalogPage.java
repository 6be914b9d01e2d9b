package io.bpacat.render;

import io.bpacat.catalog.Catalog;
import io.bpacat.catalog.Page;
import io.bpacat.catalog.Rule;
import io.bpacat.catalog.Translation;
import io.bpacat.render.SiteViews.Facet;
import io.bpacat.render.SiteViews.FacetValue;
import io.bpacat.render.SiteViews.Labelled;
import io.bpacat.render.SiteViews.RuleRow;
import java.text.CollationKey;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The catalog home in one language: every rule as a row (title in that language where it exists), sorted by title,
 * and the facets with their counts. The rows carry their facet values as data attributes for the filter script;
 * the page is complete without it.
 */
final class CatalogPage {
    static final List<String> SEVERITIES = List.of("error", "warning", "information", "unknown");
    static final List<String> CATEGORIES = List.of("configuration", "operations", "prerequisites", "policy",
            "security", "performance", "predeployment", "postdeployment", "unknown");

    private final Messages messages;
    /** Collation keys of titles by locale, kept across builds (serve) while they stay few. */
    private final Map<String, Map<String, CollationKey>> titleKeys = new java.util.concurrent.ConcurrentHashMap<>();

    CatalogPage(Messages messages) {
        this.messages = messages;
    }

    Map<String, Object> variables(Catalog catalog, String locale, String path, Map<String, Page> pages) {
        List<RuleRow> rows = new ArrayList<>();
        for (Rule r : catalog.rules()) {
            rows.add(row(r, locale, path, pages));
        }
        Map<String, CollationKey> known = titleKeys.computeIfAbsent(locale, l -> new HashMap<>());
        Map<String, CollationKey> keys = new HashMap<>();
        synchronized (known) {
            if (known.size() > 4 * rows.size() + 64) {
                known.clear();
            }
            Collator collator = Collator.getInstance(Locale.forLanguageTag(locale));
            rows.forEach(r -> keys.put(r.id(), known.computeIfAbsent(r.title(), collator::getCollationKey)));
        }
        rows.sort(Comparator.comparing((RuleRow r) -> keys.get(r.id())).thenComparing(RuleRow::id));
        Map<String, Object> vars = new HashMap<>();
        vars.put("rows", rows);
        vars.put("facets", facets(rows, locale));
        vars.put("severityCounts", facet("severity", rows, r -> List.of(r.severity().key()), SEVERITIES, locale)
                .values());
        return vars;
    }

    private RuleRow row(Rule r, String locale, String path, Map<String, Page> pages) {
        Translation t = r.translations().getOrDefault(locale, r.reference());
        String parent = "";
        if (r.parent() != null && pages.containsKey(r.parent())) {
            Page p = pages.get(r.parent());
            parent = p.translations().getOrDefault(locale, p.reference()).title();
        }
        return new RuleRow(r.id(), SitePaths.relative(path, SitePaths.rule(t.locale(), r.id())), t.title(),
                t.locale(), label("severity", r.severity(), locale), label("category", r.category(), locale),
                r.product() == null ? "" : r.product(), r.operatingSystems(), List.copyOf(r.translations().keySet()),
                r.checker() != null, parent);
    }

    private Labelled label(String kind, String key, String locale) {
        String k = key == null ? "unknown" : key;
        return new Labelled(k, messages.get(locale, kind + "." + k));
    }

    private List<Facet> facets(List<RuleRow> rows, String locale) {
        List<Facet> out = new ArrayList<>();
        out.add(facet("severity", rows, r -> List.of(r.severity().key()), SEVERITIES, locale));
        out.add(facet("category", rows, r -> List.of(r.category().key()), CATEGORIES, locale));
        out.add(facet("product", rows, r -> r.product().isEmpty() ? List.of() : List.of(r.product()), null, locale));
        out.add(facet("os", rows, RuleRow::os, null, locale));
        out.add(facet("locale", rows, RuleRow::locales, null, locale));
        out.add(facet("checker", rows, r -> List.of(r.checker() ? "yes" : "no"), List.of("yes", "no"), locale));
        return out;
    }

    /** A facet's values with counts: in a fixed order when known, else by value; values no rule has are left out. */
    private Facet facet(String key, List<RuleRow> rows, Function<RuleRow, List<String>> values, List<String> order,
                        String locale) {
        Map<String, Integer> counts = order == null ? new TreeMap<>() : new LinkedHashMap<>();
        if (order != null) {
            order.forEach(v -> counts.put(v, 0));
        }
        rows.forEach(r -> values.apply(r).forEach(v -> counts.merge(v, 1, Integer::sum)));
        List<FacetValue> out = new ArrayList<>();
        counts.forEach((v, n) -> {
            if (n > 0) {
                out.add(new FacetValue(v, valueLabel(key, v, locale), n));
            }
        });
        return new Facet(key, messages.get(locale, "facet." + key), out);
    }

    private String valueLabel(String key, String value, String locale) {
        return switch (key) {
            case "severity", "category" -> messages.get(locale, key + "." + value);
            case "checker" -> messages.get(locale, "checker." + value);
            case "locale" -> SiteRenderer.languageName(value);
            default -> value;
        };
    }
}
