package io.bpacat.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes {@code checkers.json}, what the browser validator evaluates: the inventory model and every checker as
 * plain data (expressions as text, examples as written), sorted, so the page runs exactly the files
 * {@code bpacat validate} runs. Deterministic: the same checkers give the same bytes.
 */
public final class CheckerBundle {
    private CheckerBundle() {
    }

    /**
     * @param checkers checkers as loaded
     * @param ruleIds  the catalog ID of each checker's rule
     */
    public static String write(List<Checker> checkers, InventoryModel model, Function<Checker, String> ruleIds) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", 1);
        root.put("boundVariables", List.of("inventory", "host", "related", "collected", "collectedMillis"));
        List<Object> list = new ArrayList<>();
        for (Checker c : checkers.stream().sorted(java.util.Comparator.comparing(Checker::file)).toList()) {
            list.add(entry(c, ruleIds.apply(c)));
        }
        root.put("checkers", list);
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
        return m;
    }
}
