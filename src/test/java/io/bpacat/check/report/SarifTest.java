package io.bpacat.check.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bpacat.check.Finding;
import io.bpacat.check.Outcome;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SARIF output is the same bytes on every run: every object's keys in a fixed order. */
class SarifTest {
    private static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Regression: these objects were built with Map.of, whose iteration order changes between JVM runs. */
    @Test
    void logicalLocationsAndSuppressionsKeepTheirKeyOrder() throws Exception {
        Finding f = new Finding("r1", "checkers/x.yaml", "VM", "web01", Outcome.NONCOMPLIANT, "paused", "Resume-VM",
                List.of(), "host.json", "on purpose");
        Report r = new Report(List.of("host.json"), List.of(f),
                Map.of("r1", new RuleInfo("r1", "Title", "warning", "operations", "rules/r1/")));
        JsonNode result = new ObjectMapper().readTree(Sarif.write(r)).at("/runs/0/results/0");
        assertEquals(List.of("name", "kind", "fullyQualifiedName"),
                keys(result.at("/locations/0/logicalLocations/0")));
        assertEquals(List.of("kind", "justification"), keys(result.at("/suppressions/0")));
    }

    /**
     * Sarif writes with Jackson's streaming generator; the first implementation built maps and serialized them
     * with an ObjectMapper ({@link MapWriter}, kept here). Both give the same bytes, for every outcome, exclusions,
     * missing fields, rules without severity, category or link, and text that JSON must escape.
     */
    @Test
    void streamingWriterWritesTheBytesOfTheMapWriter() {
        List<Finding> findings = new ArrayList<>();
        String[] objects = {"web01", "a \"quoted\" \\ name\n\u00e9\u4e2d\uD83D\uDE00", "VM[3]", "(inventory)"};
        int n = 0;
        for (Outcome o : Outcome.values()) {
            for (String obj : objects) {
                for (String rule : List.of("r1", "r2", "r3", "r4")) {
                    n++;
                    findings.add(new Finding(rule, "checkers/" + rule + ".yaml", "VM", obj, o,
                            n % 3 == 0 ? "" : "message " + n + " <b>&amp;</b>", n % 2 == 0 ? "" : "Set-VM -Name '" + obj
                            + "'", n % 5 == 0 ? List.of("VM.Path", "Disk (Get-Disk)") : List.of(), n % 7 == 0
                            ? "inventories\\host.json" : "host.json", n % 4 == 0 ? "excluded: reason " + n : null));
                }
            }
        }
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        rules.put("r1", new RuleInfo("r1", "Title \"one\"", "error", "operations", "rules/r1/"));
        rules.put("r2", new RuleInfo("r2", "Titre d\u00e9j\u00e0", "information", "security", ""));
        rules.put("r3", new RuleInfo("r3", "Sub-rule", null, null, "https://x.example/en-us/rules/r3/"));
        Report r = new Report(List.of("host.json"), findings, rules);
        assertEquals(MapWriter.write(r), Sarif.write(r));
        Report empty = new Report(List.of("host.json"), List.of(), rules);
        assertEquals(MapWriter.write(empty), Sarif.write(empty));
    }

    /** validate -o writes SARIF encoded as it is generated: the UTF-8 of the text, emoji and all. */
    @Test
    void fileHoldsTheUtf8OfTheText(@TempDir Path dir) throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (String obj : List.of("web01", "a \"quoted\" \\ name\n\u00e9\u4e2d\uD83D\uDE00", "x".repeat(20_000))) {
            findings.add(new Finding("r1", "checkers/r1.yaml", "VM", obj, Outcome.NONCOMPLIANT, "m " + obj,
                    "Set-VM -Name '" + obj + "'", List.of("VM.Path"), "host.json", null));
        }
        Report r = new Report(List.of("host.json"), findings,
                Map.of("r1", new RuleInfo("r1", "Titre d\u00e9j\u00e0 \uD83D\uDE00", "error", "security", "rules/r1/")));
        Path file = dir.resolve("out.sarif");
        ReportWriter.SARIF.write(r, false, file);
        assertArrayEquals(Sarif.write(r).getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
    }

    /**
     * A large report's results are written in parts on several threads: the file holds the same bytes as the text
     * one generator writes, for every count around the part boundaries, and a lone surrogate in any part fails
     * as it does in a small report.
     */
    @Test
    void resultsWrittenInPartsJoinIntoTheTextOfOneGenerator(@TempDir Path dir) throws Exception {
        for (int count : new int[] {Sarif.PARALLEL_ABOVE - 1, Sarif.PARALLEL_ABOVE, 9_001}) {
            List<Finding> findings = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                String obj = n % 11 == 0 ? "vm \uD83D\uDE00 " + n : "vm" + n;
                findings.add(new Finding(n % 3 == 0 ? "r1" : "r2", "checkers/r.yaml", "VM", obj,
                        Outcome.values()[n % Outcome.values().length], n % 2 == 0 ? "" : "m\u00e9 " + n,
                        n % 5 == 0 ? "Set-VM" : "", n % 7 == 0 ? List.of("VM.Path") : List.of(), "host.json",
                        n % 13 == 0 ? "reason " + n : null));
            }
            Report r = new Report(List.of("host.json"), findings,
                    Map.of("r1", new RuleInfo("r1", "One", "error", "security", "rules/r1/")));
            Path file = dir.resolve("out-" + count + ".sarif");
            ReportWriter.SARIF.write(r, false, file);
            assertArrayEquals(Sarif.write(r).getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file), "" + count);

            findings.set(count - 2, new Finding("r1", "checkers/r.yaml", "VM", "a\uD800b", Outcome.NONCOMPLIANT,
                    "m", "", List.of(), "host.json", null));
            Report bad = new Report(List.of("host.json"), findings, Map.of());
            IOException viaText = assertThrows(IOException.class,
                    () -> Files.writeString(dir.resolve("other.sarif"), Sarif.write(bad), StandardCharsets.UTF_8));
            IOException e = assertThrows(CharacterCodingException.class,
                    () -> ReportWriter.SARIF.write(bad, false, file));
            assertEquals(viaText.getMessage(), e.getMessage());
        }
    }

    /**
     * A lone surrogate (an inventory may spell one as a JSON escape) cannot be written as UTF-8: it fails as it did
     * when the text was built first and written with Files.writeString, leaving the file as it was.
     */
    @Test
    void textUtf8CannotEncodeFailsAndLeavesTheFileAsItWas(@TempDir Path dir) throws Exception {
        Finding f = new Finding("r1", "checkers/r1.yaml", "VM", "a\uD800b", Outcome.NONCOMPLIANT, "m", "", List.of(),
                "host.json", null);
        Report r = new Report(List.of("host.json"), List.of(f),
                Map.of("r1", new RuleInfo("r1", "Title", "error", "security", "rules/r1/")));
        Path file = Files.writeString(dir.resolve("out.sarif"), "before");
        Path other = dir.resolve("other.sarif");
        IOException viaText = assertThrows(IOException.class,
                () -> Files.writeString(other, Sarif.write(r), StandardCharsets.UTF_8));
        IOException e = assertThrows(CharacterCodingException.class, () -> ReportWriter.SARIF.write(r, false, file));
        assertEquals(viaText.getMessage(), e.getMessage());
        assertEquals("before", Files.readString(file));
    }

    /** The first SARIF writer: maps serialized by an ObjectMapper (ReportWriter.json). */
    private static final class MapWriter {
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
                rule.put("defaultConfiguration", Map.of("level", Sarif.level(info.severity())));
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("severity", info.severity());
                props.put("category", info.category());
                rule.put("properties", props);
                rules.add(rule);
            }
            driver.put("rules", rules);
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("tool", Map.of("driver", driver));
            Map<String, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                index.put(ids.get(i), i);
            }
            List<Object> results = new ArrayList<>();
            for (Finding f : r.findings()) {
                results.add(result(f, r.rule(f.ruleId()), index.get(f.ruleId())));
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
            m.put("level", f.outcome() == Outcome.NONCOMPLIANT ? Sarif.level(rule.severity())
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

    }
}
