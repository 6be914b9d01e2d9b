package io.bpacat.check.report;

import io.bpacat.check.Finding;
import io.bpacat.check.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** SARIF 2.1.0: one run, the rules with their metadata and help links, one result per finding. */
final class Sarif {
    private Sarif() {
    }

    static String write(Report r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "bpacat");
        driver.put("informationUri", "https://github.com/bpacat/bpacat");
        List<String> ids = new ArrayList<>(new TreeSet<>(r.findings().stream().map(Finding::ruleId).toList()));
        List<Object> rules = new ArrayList<>();
        for (String id : ids) {
            RuleInfo info = r.rule(id);
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", id);
            rule.put("name", info.title());
            rule.put("shortDescription", Map.of("text", info.title()));
            if (!info.helpUri().isEmpty()) {
                rule.put("helpUri", info.helpUri());
            }
            rule.put("defaultConfiguration", Map.of("level", level(info.severity())));
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("severity", info.severity());
            props.put("category", info.category());
            rule.put("properties", props);
            rules.add(rule);
        }
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        List<Object> results = new ArrayList<>();
        for (Finding f : r.findings()) {
            results.add(result(f, r.rule(f.ruleId()), ids.indexOf(f.ruleId())));
        }
        run.put("results", results);
        root.put("runs", List.of(run));
        return ReportWriter.json(root);
    }

    private static Map<String, Object> result(Finding f, RuleInfo rule, int index) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ruleId", f.ruleId());
        m.put("ruleIndex", index);
        String kind = switch (f.outcome()) {
            case NONCOMPLIANT -> "fail";
            case COMPLIANT -> "pass";
            case NOT_APPLICABLE -> "notApplicable";
            case CANNOT_EVALUATE -> "review";
            case ERROR -> "open";
        };
        m.put("kind", kind);
        m.put("level", f.outcome() == Outcome.NONCOMPLIANT ? level(rule.severity())
                : f.outcome() == Outcome.ERROR ? "error" : "none");
        String text = f.message().isEmpty() ? f.object() + ": " + f.outcome().label() : f.object() + ": "
                + f.message();
        m.put("message", Map.of("text", text));
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("physicalLocation", Map.of("artifactLocation", Map.of("uri", f.inventory().replace('\\', '/'))));
        Map<String, Object> logical = new LinkedHashMap<>();
        logical.put("name", f.object());
        logical.put("kind", "resource");
        logical.put("fullyQualifiedName", f.collection() + "/" + f.object());
        location.put("logicalLocations", List.of(logical));
        m.put("locations", List.of(location));
        if (f.excluded()) {
            Map<String, Object> suppression = new LinkedHashMap<>();
            suppression.put("kind", "external");
            suppression.put("justification", f.exclusion());
            m.put("suppressions", List.of(suppression));
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("outcome", f.outcome().label());
        props.put("checker", f.checker());
        if (!f.remediation().isEmpty()) {
            props.put("remediation", f.remediation());
        }
        if (!f.missing().isEmpty()) {
            props.put("missing", f.missing());
        }
        m.put("properties", props);
        return m;
    }

    static String level(String severity) {
        return switch (severity == null ? "" : severity) {
            case "error" -> "error";
            case "information" -> "note";
            default -> "warning";
        };
    }
}
