package io.bpacat.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.bpacat.catalog.Catalog;
import io.bpacat.catalog.Rule;
import io.bpacat.check.Checker;
import io.bpacat.check.CheckerBundle;
import io.bpacat.check.InventoryModel;
import io.bpacat.check.RuleLabels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The static files the {@code /try/} pages read, in the site's {@code try/} folder: {@code checkers.json} (the
 * {@link CheckerBundle} that {@code bpacat validate} runs, labelled by the catalog), {@code model.json} (the inventory model),
 * {@code rules.json} (severity, category, titles and page of every rule with a checker, by locale) and the sample
 * inventories of the templates' {@code try-samples/}. Deterministic: sorted, written by Jackson.
 */
final class TryFiles {
    static final String FOLDER = "try/";
    /** The sample inventories, in the order the page offers them. */
    static final List<String> SAMPLES = List.of("clean-host.json", "problem-host.json");

    private TryFiles() {
    }

    static void write(Catalog catalog, List<Checker> checkers, InventoryModel model, TemplateSource templates,
                      SiteFiles files) {
        write(catalog, checkers, model, templates, files, new BundleMemo());
    }

    /**
     * @param memo {@code checkers.json} of the previous build: kept while the checkers are the very objects loaded
     *             then and label their results with the same rules
     */
    static void write(Catalog catalog, List<Checker> checkers, InventoryModel model, TemplateSource templates,
                      SiteFiles files, BundleMemo memo) {
        files.put(FOLDER + "checkers.json", memo.bundle(checkers, model, catalog));
        files.put(FOLDER + "model.json", model.json());
        files.put(FOLDER + "rules.json", json(rules(catalog)));
        for (String sample : SAMPLES) {
            files.put(FOLDER + "samples/" + sample, templates.read("try-samples/" + sample));
        }
    }

    /** The last bundle written, with what it was written from. */
    static final class BundleMemo {
        private List<Checker> checkers = List.of();
        private RuleLabels labels;
        private InventoryModel model;
        private String bundle;

        String bundle(List<Checker> checkers, InventoryModel model, Catalog catalog) {
            RuleLabels now = RuleLabels.of(checkers, catalog);
            if (bundle == null || model != this.model || !sameObjects(checkers, this.checkers) || !now.equals(labels)) {
                bundle = CheckerBundle.write(checkers, model, now);
                this.checkers = List.copyOf(checkers);
                this.model = model;
                labels = now;
            }
            return bundle;
        }

        private static boolean sameObjects(List<Checker> a, List<Checker> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) != b.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** What the page shows of each rule with a checker: by ID, its severity, category, and title and page by locale. */
    private static Map<String, Object> rules(Catalog catalog) {
        Map<String, Object> out = new TreeMap<>();
        for (Rule r : catalog.rules()) {
            if (r.checker() == null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("severity", r.severity());
            m.put("category", r.category());
            m.put("title", r.reference().title());
            m.put("checker", r.checker());
            Map<String, String> titles = new TreeMap<>();
            Map<String, String> pages = new TreeMap<>();
            r.translations().forEach((l, t) -> {
                titles.put(l, t.title());
                pages.put(l, SitePaths.rule(l, r.id()));
            });
            m.put("titles", titles);
            m.put("pages", pages);
            out.put(r.id(), m);
        }
        return out;
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value)
                    .replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rules.json could not be serialized", e);
        }
    }
}
