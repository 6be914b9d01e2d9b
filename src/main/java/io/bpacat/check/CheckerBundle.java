package io.bpacat.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.bpacat.catalog.Catalog;
import io.bpacat.catalog.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes {@code checkers.json}, what the browser validator evaluates: the inventory model, every checker as
 * plain data (expressions as text with their lines, examples as written) and the rules they label their results
 * with (titles per locale, severity, category), sorted, so the page runs exactly the files {@code bpacat validate}
 * runs and labels results alike. Deterministic: the same checkers and catalog give the same bytes.
 */
public final class CheckerBundle {
    /**
     * How results of a rule are labelled: {@code title} when no translation matches the report's locale.
     *
     * @param title    the reference title (or the checker's title, or the ID, for a rule not in the catalog)
     * @param titles   title by locale
     * @param severity error, warning or information
     * @param category configuration, operations, ...
     */
    public record RuleLabel(String title, SortedMap<String, String> titles, String severity, String category) {
        /** The title in {@code locale} (compared case-insensitively), else the reference title. */
        public String title(String locale) {
            return titles.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(locale))
                    .map(Map.Entry::getValue).findFirst().orElse(title);
        }
    }

    private CheckerBundle() {
    }

    /** The catalog ID of a checker's rule: the rule that links the checker file, else its own link key. */
    public static String ruleId(Checker c, Catalog catalog) {
        return catalog.rules().stream().filter(r -> c.file().equals(r.checker())).map(Rule::id).findFirst()
                .orElse(CheckerEngine.defaultRuleId(c));
    }

    /** The labels of a checker's rule, from the catalog (a rule not in it: the checker's title, warning). */
    public static RuleLabel label(Checker c, Catalog catalog) {
        return label(c, ruleId(c, catalog), catalog);
    }

    /** {@link #label(Checker, Catalog)} for a checker whose rule ID ({@link #ruleId}) is known. */
    public static RuleLabel label(Checker c, String id, Catalog catalog) {
        return catalog.rule(id).map(r -> {
            SortedMap<String, String> titles = new TreeMap<>();
            r.translations().forEach((locale, t) -> titles.put(locale, t.title()));
            return new RuleLabel(r.reference().title(), titles, r.severity(), r.category());
        }).orElse(new RuleLabel(c.title() == null ? id : c.title(), new TreeMap<>(), "warning", ""));
    }

    /** The bundle of a content folder's checkers, labelled by its catalog. */
    public static String write(List<Checker> checkers, InventoryModel model, Catalog catalog) {
        return write(checkers, model, RuleLabels.of(checkers, catalog));
    }

    /** The bundle of checkers labelled as {@code labels} says (which has an entry for each of them). */
    public static String write(List<Checker> checkers, InventoryModel model, RuleLabels labels) {
        return write(checkers, model, labels::id, labels.byRule());
    }

    /**
     * @param checkers checkers as loaded
     * @param ruleIds  the catalog ID of each checker's rule
     */
    public static String write(List<Checker> checkers, InventoryModel model, Function<Checker, String> ruleIds) {
        return write(checkers, model, ruleIds, Map.of());
    }

    /**
     * @param checkers checkers as loaded
     * @param ruleIds  the catalog ID of each checker's rule
     * @param labels   labels by rule ID (rules without one are labelled like bpacat validate does: warning)
     */
    public static String write(List<Checker> checkers, InventoryModel model, Function<Checker, String> ruleIds,
                               Map<String, RuleLabel> labels) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", 1);
        root.put("boundVariables", List.of("inventory", "host", "related", "collected", "collectedMillis"));
        List<Object> list = new ArrayList<>();
        for (Checker c : checkers.stream().sorted(java.util.Comparator.comparing(Checker::file)).toList()) {
            list.add(entry(c, ruleIds.apply(c)));
        }
        root.put("checkers", list);
        root.put("rules", new TreeMap<>(labels));
        try {
            root.put("model", new ObjectMapper().readValue(model.json(), Object.class));
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false)
                    .writeValueAsString(root).replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("checkers could not be serialized", e);
        }
    }

    private static Map<String, Object> entry(Checker c, String ruleId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", c.file());
        m.put("ruleId", ruleId);
        m.put("rule", c.rule());
        m.put("page", c.page());
        m.put("title", c.title());
        m.put("scope", c.scope());
        m.put("reads", new TreeMap<>(c.reads()));
        m.put("require", c.require());
        m.put("applies", c.applies() == null ? null : c.applies().source());
        m.put("compliant", c.compliant().source());
        Map<String, String> values = new TreeMap<>();
        c.values().forEach((k, v) -> values.put(k, v.source()));
        m.put("values", values);
        m.put("message", c.message());
        m.put("remediation", c.remediation());
        List<Object> examples = new ArrayList<>();
        for (Checker.Example ex : c.examples()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", ex.name());
            e.put("inventory", ex.inventory());
            Map<String, String> expect = new LinkedHashMap<>();
            ex.expect().forEach((k, v) -> expect.put(k, v.label()));
            e.put("expect", expect);
            examples.add(e);
        }
        m.put("examples", examples);
        Map<String, Integer> lines = new LinkedHashMap<>();
        if (c.applies() != null) {
            lines.put("applies", c.applies().line());
        }
        lines.put("compliant", c.compliant().line());
        c.values().values().stream().findFirst().ifPresent(v -> lines.put("values", v.line()));
        m.put("lines", lines);
        return m;
    }
}
