package io.bpacat.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bpacat.TestPaths;
import io.bpacat.catalog.Catalog;
import io.bpacat.catalog.CatalogBuilder;
import io.bpacat.check.report.Report;
import io.bpacat.check.report.ReportWriter;
import io.bpacat.check.report.RuleInfo;
import io.bpacat.cli.Main;
import io.bpacat.diag.Diagnostics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser validator (site-templates/js/check, run by node on the checkers.json bundle) gives what
 * {@code bpacat validate} gives: for every example of every checker, the parity inventories of
 * src/test/resources/parity, the real cmdlet samples and a generated host, the outcome per (rule, object) is the
 * same and the JSON, SARIF and CSV exports are byte-identical. Every inventory runs through all checkers.
 */
class JsParityTest {
    static final Path CONTENT = Path.of("content");
    static final Path CLI = Path.of("site-templates/js/check/validate-cli.mjs");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Catalog catalog;
    static List<Checker> checkers;
    static Map<String, RuleInfo> rules;
    static Path bundle;
    static Path model;

    /** One inventory file and the name both engines report it under. */
    record Case(Path file, String name) {
    }

    @BeforeAll
    static void bundle() throws IOException {
        catalog = new CatalogBuilder().build(CONTENT).catalog();
        Diagnostics diags = new Diagnostics();
        checkers = new CheckerLoader().loadAll(CONTENT, diags);
        rules = new LinkedHashMap<>();
        for (Checker c : checkers) {
            String id = CheckerBundle.ruleId(c, catalog);
            CheckerBundle.RuleLabel l = CheckerBundle.label(c, catalog);
            rules.put(id, new RuleInfo(id, l.title("en-us"), l.severity(), l.category(), "rules/" + id + "/"));
        }
        bundle = tmp.resolve("checkers.json");
        model = tmp.resolve("inventory-model.json");
        Files.writeString(bundle, CheckerBundle.write(checkers, InventoryModel.standard(), catalog));
        Files.writeString(model, InventoryModel.standard().json());
    }

    @Test
    void everyExampleOfEveryCheckerGivesTheSameReports() throws Exception {
        assumeTrue(nodeAvailable(), "node is not on the PATH: JS validator parity not checked here");
        Path dir = Files.createDirectories(tmp.resolve("examples"));
        List<Case> cases = new ArrayList<>();
        for (Checker c : checkers) {
            for (Checker.Example ex : c.examples()) {
                Path f = dir.resolve(cases.size() + ".json");
                Files.writeString(f, JSON.writeValueAsString(ex.inventory()));
                cases.add(new Case(f, c.file() + "#" + ex.name()));
            }
        }
        assertTrue(cases.size() >= checkers.size(), "every checker has examples");
        assertParity("examples", cases);
    }

    @Test
    void parityInventoriesGiveTheSameReports() throws Exception {
        assumeTrue(nodeAvailable(), "node is not on the PATH: JS validator parity not checked here");
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/parity"))) {
            s.filter(p -> !p.toString().endsWith(".md")).sorted().forEach(p -> cases.add(new Case(p,
                    "parity/" + p.getFileName())));
        }
        cases.add(new Case(TestPaths.fixture("validate").resolve("host.json"), "fixtures/validate/host.json"));
        assertTrue(cases.size() >= 5);
        assertParity("parity", cases);
    }

    @Test
    void realCmdletSamplesGiveTheSameReports() throws Exception {
        assumeTrue(nodeAvailable(), "node is not on the PATH: JS validator parity not checked here");
        Path samples = TestPaths.shared().resolve("reference/inventory-samples");
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> s = Files.list(samples)) {
            s.filter(p -> !p.toString().endsWith(".md")).sorted().forEach(p -> cases.add(new Case(p,
                    p.getFileName().toString())));
        }
        assertTrue(cases.size() >= 3, "samples in " + samples);
        assertParity("samples", cases);
    }

    @Test
    void generatedHostWithManyVmsGivesTheSameReports() throws Exception {
        assumeTrue(nodeAvailable(), "node is not on the PATH: JS validator parity not checked here");
        assumeTrue(run(List.of("python3", "--version"), null) != null, "python3 is not on the PATH: bench/"
                + "generate-inventory.py cannot write the generated host");
        Path inv = tmp.resolve("generated-500.json");
        Files.write(inv, run(List.of("python3", "bench/generate-inventory.py", "500"), null));
        assertParity("generated", List.of(new Case(inv, "generated-500.json")));
    }

    /** The command line itself (exclusions, --rules, the default listing without passing results) and node agree. */
    @Test
    void validateCommandAndNodeCliPrintTheSameBytes() throws Exception {
        assumeTrue(nodeAvailable(), "node is not on the PATH: JS validator parity not checked here");
        Path inv = Path.of("src/test/resources/parity/hostile-names.json");
        Path exclYaml = TestPaths.fixture("validate").resolve("exclusions.yaml");
        Path exclJson = tmp.resolve("exclusions.json");
        Object excl = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readValue(exclYaml.toFile(), Object.class);
        Files.writeString(exclJson, JSON.writeValueAsString(excl));
        for (String format : List.of("json", "sarif", "csv")) {
            for (List<String> extra : List.of(List.<String>of(), List.of("--rules", "930f927c,integration-services"))) {
                List<String> javaArgs = new ArrayList<>(List.of("validate", inv.toString(), "--content",
                        CONTENT.toString(), "--format", format, "--exclusions", exclYaml.toString()));
                javaArgs.addAll(extra);
                StringWriter out = new StringWriter();
                Main.run(javaArgs.toArray(String[]::new), new PrintWriter(out), new PrintWriter(new StringWriter()));
                List<String> nodeArgs = new ArrayList<>(List.of("node", CLI.toString(), bundle.toString(),
                        model.toString(), inv.toString(), format, "--exclusions", exclJson.toString()));
                if (!extra.isEmpty()) {
                    nodeArgs.addAll(extra);
                }
                byte[] js = run(nodeArgs, null);
                assertEquals(out.toString(), new String(js, StandardCharsets.UTF_8), format + " " + extra);
            }
        }
    }

    /** Checkers that fail at run time (a type error, endless recursion, an endless loop) fail alike in both. */
    @Test
    void brokenCheckersGiveTheSameErrors() throws Exception {
        assumeTrue(nodeAvailable(), "node is not on the PATH: JS validator parity not checked here");
        Path content = Files.createDirectories(tmp.resolve("broken/checkers"));
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("type-error", "Name + 1 > 0");
        broken.put("endless-recursion", "($f := function($x) { $f($x + 1) + 1 }; $f(0) > 0)");
        broken.put("endless-loop", "$count([1..9000000].($ * 2)) > 0");
        broken.put("not-boolean", "Name");
        int n = 0;
        for (Map.Entry<String, String> b : broken.entrySet()) {
            Files.writeString(content.resolve(b.getKey() + ".yaml"), String.join("\n",
                    "rule: 00000000-0000-4000-8000-00000000000" + n++,
                    "scope: VM",
                    "reads:",
                    "  VM: [Name]",
                    "compliant: '" + b.getValue() + "'",
                    "message: \"{{Name}}\"",
                    "remediation: \"Get-VM -Name '{{Name}}'\"",
                    "examples:",
                    "  - inventory: {VM: [{Name: a}]}",
                    "    expect: {a: compliant}",
                    "  - inventory: {VM: [{Name: b}]}",
                    "    expect: {b: noncompliant}", ""));
        }
        Diagnostics diags = new Diagnostics();
        List<Checker> loaded = new CheckerLoader().loadAll(content.getParent(), diags);
        assertEquals(broken.size(), loaded.size(), diags.sorted().toString());
        Path brokenBundle = tmp.resolve("broken.json");
        Files.writeString(brokenBundle, CheckerBundle.write(loaded, InventoryModel.standard(),
                CheckerEngine::defaultRuleId));
        Path inv = tmp.resolve("broken-inventory.json");
        Files.writeString(inv, "{\"VM\": [{\"Name\": \"a\"}]}");
        Inventory inventory = new InventoryReader().read(inv.toString(), Files.readAllBytes(inv), diags)
                .flatMap(raw -> new InventoryNormalizer().normalize(raw, diags)).orElseThrow();
        Map<String, RuleInfo> labels = new LinkedHashMap<>();
        loaded.forEach(c -> labels.put(c.rule(), new RuleInfo(c.rule(), c.rule(), "warning", "",
                "rules/" + c.rule() + "/")));
        Report report = new Report(List.of(inv.toString()), new CheckerEngine().run(loaded, inventory), labels);
        assertEquals(broken.size(), report.findings().stream().filter(f -> f.outcome() == Outcome.ERROR).count(),
                report.findings().toString());
        byte[] js = run(List.of("node", CLI.toString(), brokenBundle.toString(), model.toString(), inv.toString(),
                "json"), null);
        report.findings().forEach(f -> System.out.println("JsParityTest broken: " + f.message()));
        assertEquals(ReportWriter.JSON.write(report, false), new String(js, StandardCharsets.UTF_8));
    }

    /** Runs Java and node on every case; compares outcomes per (rule, object) first, then the exact bytes. */
    private static void assertParity(String label, List<Case> cases) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out-" + label));
        Path list = tmp.resolve(label + ".list");
        StringBuilder sb = new StringBuilder();
        for (Case c : cases) {
            sb.append(c.file()).append('\t').append(c.name()).append('\n');
        }
        Files.writeString(list, sb.toString());
        long t0 = System.nanoTime();
        byte[] log = run(List.of("node", CLI.toString(), bundle.toString(), model.toString(), "--batch",
                list.toString(), out.toString(), "--verbose"), null);
        assertTrue(log != null, "node batch run failed");
        long nodeMs = (System.nanoTime() - t0) / 1_000_000;
        CheckerEngine engine = new CheckerEngine(CheckerEngine.Limits.DEFAULT, c -> CheckerBundle.ruleId(c, catalog));
        List<String> mismatches = new ArrayList<>();
        int results = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Diagnostics d = new Diagnostics();
            Optional<Inventory> inv = new InventoryReader().read(c.name(), Files.readAllBytes(c.file()), d)
                    .flatMap(raw -> new InventoryNormalizer().normalize(raw, d));
            Path err = out.resolve(i + ".error");
            if (inv.isEmpty()) {
                assertTrue(Files.exists(err), c.name() + ": Java cannot read it (" + d.sorted() + "), node could");
                continue;
            }
            assertTrue(!Files.exists(err), () -> c.name() + ": node cannot read it: " + read(err));
            Report report = new Report(List.of(c.name()), engine.run(checkers, inv.get()), rules);
            results += report.findings().size();
            String javaJson = ReportWriter.JSON.write(report, true);
            String nodeJson = read(out.resolve(i + ".json"));
            List<String> a = outcomes(javaJson);
            List<String> b = outcomes(nodeJson);
            if (!a.equals(b)) {
                for (int k = 0; k < Math.max(a.size(), b.size()); k++) {
                    String x = k < a.size() ? a.get(k) : "-";
                    String y = k < b.size() ? b.get(k) : "-";
                    if (!x.equals(y)) {
                        mismatches.add(c.name() + ": java " + x + " / js " + y);
                    }
                }
                continue;
            }
            assertEquals(javaJson, nodeJson, c.name() + ": JSON report");
            assertEquals(ReportWriter.SARIF.write(report, true), read(out.resolve(i + ".sarif")), c.name() + ": SARIF");
            assertEquals(ReportWriter.CSV.write(report, true), read(out.resolve(i + ".csv")), c.name() + ": CSV");
        }
        assertEquals(List.of(), mismatches, "outcomes per (rule, object) differ");
        System.out.printf("JsParityTest %s: %d inventories, %d results identical (node %d ms)%n", label,
                cases.size(), results, nodeMs);
    }

    private static List<String> outcomes(String json) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode r : JSON.readTree(json).get("results")) {
            out.add(r.get("rule").asText() + " " + r.get("object").asText() + " " + r.get("outcome").asText() + " "
                    + r.get("message").asText());
        }
        return out;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    static boolean nodeAvailable() {
        return run(List.of("node", "--version"), null) != null;
    }

    /** Runs a command; its stdout, or null when it cannot start or exits non-zero. */
    static byte[] run(List<String> command, Path stdin) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            if (stdin != null) {
                pb.redirectInput(stdin.toFile());
            }
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
