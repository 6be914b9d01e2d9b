package io.bpacat.check.report;

import io.bpacat.check.Finding;
import io.bpacat.check.Outcome;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a validation report shows: the findings (in checker order per inventory) and the rules they name.
 *
 * @param inventories inventory files validated, in order
 * @param findings    all findings
 * @param rules       by rule ID
 */
public record Report(List<String> inventories, List<Finding> findings, Map<String, RuleInfo> rules,
                     Map<String, Integer> summary) {
    public Report(List<String> inventories, List<Finding> findings, Map<String, RuleInfo> rules) {
        this(inventories, findings, rules, count(findings));
    }

    public Report {
        inventories = List.copyOf(inventories);
        findings = List.copyOf(findings);
        rules = java.util.Collections.unmodifiableMap(new TreeMap<>(rules));
        summary = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(summary));
    }

    /** The same report listing only what needs attention; the summary still counts every result. */
    public Report withoutPassing() {
        return new Report(inventories, needingAttention(findings), rules, summary);
    }

    /**
     * The report of {@code findings} as {@link #withoutPassing()} gives it, without copying every result first
     * (most results pass).
     */
    public static Report withoutPassing(List<String> inventories, List<Finding> findings, Map<String, RuleInfo> rules) {
        return new Report(inventories, needingAttention(findings), rules, count(findings));
    }

    private static List<Finding> needingAttention(List<Finding> findings) {
        return findings.parallelStream().filter(f -> f.excluded()
                || (f.outcome() != Outcome.COMPLIANT && f.outcome() != Outcome.NOT_APPLICABLE)).toList();
    }

    public RuleInfo rule(String id) {
        return rules.getOrDefault(id, new RuleInfo(id, id, "warning", "", ""));
    }

    /** Count per outcome label, excluded findings counted apart as "excluded" (in parallel: there can be millions). */
    private static Map<String, Integer> count(List<Finding> findings) {
        Outcome[] outcomes = Outcome.values();
        int[] n = findings.parallelStream().collect(() -> new int[outcomes.length + 1],
                (counts, f) -> counts[f.excluded() ? outcomes.length : f.outcome().ordinal()]++, (a, b) -> {
                    for (int i = 0; i < a.length; i++) {
                        a[i] += b[i];
                    }
                });
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        for (Outcome o : outcomes) {
            m.put(o.label(), n[o.ordinal()]);
        }
        m.put("excluded", n[outcomes.length]);
        return m;
    }
}
