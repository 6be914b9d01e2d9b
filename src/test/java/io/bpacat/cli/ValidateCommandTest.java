package io.bpacat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bpacat.TestPaths;
import io.bpacat.check.CheckerBundle;
import io.bpacat.check.CheckerEngine;
import io.bpacat.check.CheckerLoader;
import io.bpacat.check.InventoryModel;
import io.bpacat.diag.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black-box tests of bpacat validate and bpacat coverage. */
class ValidateCommandTest {
    static final String INV = TestPaths.fixture("validate").resolve("host.json").toString();

    @Test
    void textReportNamesTheFindingAndExitsOne() {
        CliTest.Run r = CliTest.run("validate", INV, "--rules", "930f927c");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("warning[930f927c]"), r.out());
        assertTrue(r.out().contains("web01: Virtual machine 'web01' is paused"), r.out());
        assertTrue(r.out().contains("1 inventory, 2 results: 1 noncompliant, 1 compliant"), r.out());
    }

    @Test
    void remediationDoublesSingleQuotesOfNames() {
        CliTest.Run r = CliTest.run("validate", INV, "--rules", "vm-not-paused", "--format", "json", "-v");
        assertTrue(r.out().contains("\"object\" : \"db'01\""), r.out());
    }

    @Test
    void exclusionsAreReportedAsExcludedAndDoNotFail() {
        String excl = TestPaths.fixture("validate").resolve("exclusions.yaml").toString();
        CliTest.Run r = CliTest.run("validate", INV, "--rules", "930f927c", "--exclusions", excl);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("excluded: paused on purpose during the migration"), r.out());
    }

    @Test
    void failOnErrorIgnoresWarnings() {
        assertEquals(0, CliTest.run("validate", INV, "--rules", "930f927c", "--fail-on", "error").code());
        assertEquals(0, CliTest.run("validate", INV, "--rules", "930f927c", "--fail-on", "never").code());
    }

    @Test
    void sarifHasRuleMetadataAndHelpUriUnderTheBaseUrl() throws Exception {
        CliTest.Run r = CliTest.run("validate", INV, "--rules", "930f927c", "--format", "sarif", "--base-url",
                "https://example.org/bpacat");
        JsonNode sarif = new ObjectMapper().readTree(r.out());
        assertEquals("2.1.0", sarif.get("version").asText());
        JsonNode rule = sarif.at("/runs/0/tool/driver/rules/0");
        assertEquals("930f927c-e414-4a36-9786-028941e886e4", rule.get("id").asText());
        assertEquals("https://example.org/bpacat/en-us/rules/930f927c-e414-4a36-9786-028941e886e4/",
                rule.get("helpUri").asText());
        assertEquals("warning", sarif.at("/runs/0/results/0/level").asText());
        assertEquals("fail", sarif.at("/runs/0/results/0/kind").asText());
    }

    @Test
    void junitAndCsvFormats() {
        CliTest.Run junit = CliTest.run("validate", INV, "--rules", "930f927c", "--format", "junit");
        assertTrue(junit.out().contains("<failure message=\"Virtual machine &apos;web01&apos; is paused")
                || junit.out().contains("<failure message=\"Virtual machine 'web01' is paused"), junit.out());
        CliTest.Run csv = CliTest.run("validate", INV, "--rules", "930f927c", "--format", "csv");
        assertTrue(csv.out().startsWith("\"inventory\",\"rule\",\"title\""), csv.out());
    }

    /** A rule of a multi-rule page has no severity of its own: every format still reports it. */
    @Test
    void everyFormatReportsARuleWithoutSeverity() throws Exception {
        String inv = TestPaths.fixture("validate").resolve("disabled-compute-service.json").toString();
        String rule = "5b0c7d3e-2f61-4a8e-9c1d-7e4f3a2b6c90.the-hyper-v-host-compute-service-should-not-be-disabled";
        for (String format : new String[] {"text", "json", "sarif", "junit", "csv"}) {
            CliTest.Run r = CliTest.run("validate", inv, "--rules", rule, "--format", format);
            assertEquals(1, r.code(), format + ": " + r.err());
            assertTrue(r.out().contains("HV01"), format + ": " + r.out());
        }
        CliTest.Run junit = CliTest.run("validate", inv, "--rules", rule, "--format", "junit");
        org.w3c.dom.Document xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new java.io.StringReader(junit.out())));
        org.w3c.dom.Element failure = (org.w3c.dom.Element) xml.getElementsByTagName("failure").item(0);
        assertEquals("The Hyper-V Host Compute Service (vmcompute) is disabled on HV01.", failure.getAttribute("message"));
        assertEquals("", failure.getAttribute("type"));
    }

    /**
     * The rule labels of a content folder are kept between runs and used while the folder is unchanged: a title
     * changed in the kept file shows in the next report; an edited page makes validate read the catalog again.
     */
    @Test
    void ruleLabelsAreKeptWhileTheContentIsUnchanged(@TempDir Path tmp) throws Exception {
        Path content = tmp.resolve("content");
        try (Stream<Path> walk = Files.walk(Path.of("content"))) {
            for (Path p : walk.toList()) {
                Files.copy(p, content.resolve(Path.of("content").relativize(p).toString()));
            }
        }
        Path cache = tmp.resolve("cache");
        String[] args = {"validate", INV, "--rules", "930f927c", "--content", content.toString(), "--cache-dir",
                cache.toString()};
        CliTest.Run first = CliTest.run(args);
        assertTrue(first.out().contains("Avoid pausing a virtual machine"), first.out());
        Path kept;
        try (Stream<Path> files = Files.list(cache)) {
            kept = files.collect(Collectors.toList()).stream().reduce((a, b) -> {
                throw new AssertionError("one cache file per content folder: " + a + ", " + b);
            }).orElseThrow();
        }
        Files.writeString(kept, Files.readString(kept).replace("\"Avoid pausing a virtual machine\"",
                "\"A title kept by an earlier run\""));
        CliTest.Run second = CliTest.run(args);
        assertEquals(first.out().replace("Avoid pausing a virtual machine", "A title kept by an earlier run"),
                second.out(), "the kept labels are used");
        Path page = content.resolve("en-us/Avoid-pausing-a-virtual-machine.md");
        Files.writeString(page, Files.readString(page) + "\n");
        assertEquals(first.out(), CliTest.run(args).out(), "an edited page: the catalog is read again");
        Path none = tmp.resolve("none");
        String[] uncached = {"validate", INV, "--rules", "930f927c", "--content", content.toString(), "--cache-dir",
                none.toString(), "--no-cache"};
        assertEquals(first.out(), CliTest.run(uncached).out());
        assertFalse(Files.exists(none), "--no-cache keeps nothing");
    }

    @Test
    void unreadableInventoryExitsThreeNamingTheFile() {
        CliTest.Run r = CliTest.run("validate", "no-such-inventory.json");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("no-such-inventory.json: error[INV000]: inventory file not found"), r.err());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, CliTest.run("validate", INV, "--format", "xml").code());
        assertEquals(2, CliTest.run("validate", INV, "--rules", "nothing-like-this").code());
    }

    @Test
    void coverageListsTheRulesWithoutACheckerAndWhy() {
        CliTest.Run r = CliTest.run("coverage", "--content", "content");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("checkers/_uncovered.yaml") || r.out().contains("rules have a checker"), r.out());
    }

    @Test
    void checkerBundleIsDeterministic() {
        var checkers = new CheckerLoader().loadAll(Path.of("content"), new Diagnostics());
        String a = CheckerBundle.write(checkers, InventoryModel.standard(), CheckerEngine::defaultRuleId);
        String b = CheckerBundle.write(checkers, InventoryModel.standard(), CheckerEngine::defaultRuleId);
        assertEquals(a, b);
        assertTrue(a.contains("\"file\" : \"checkers/vm-not-paused.yaml\""));
    }

    private static io.bpacat.check.Finding finding(String rule, io.bpacat.check.Outcome outcome, String exclusion) {
        return new io.bpacat.check.Finding(rule, "checkers/x.yaml", "VM", "web01", outcome, "m", "", java.util.List.of(),
                "host.json", exclusion);
    }

    private static int exitCode(String failOn, io.bpacat.check.Finding... findings) {
        var rules = java.util.Map.of("w", new io.bpacat.check.report.RuleInfo("w", "W", "warning", "", ""),
                "e", new io.bpacat.check.report.RuleInfo("e", "E", "error", "", ""));
        var full = new io.bpacat.check.report.Report(java.util.List.of("host.json"), java.util.List.of(findings), rules);
        int quiet = ValidateCommand.findingsExitCode(full.withoutPassing(), failOn);
        assertEquals(quiet, ValidateCommand.findingsExitCode(full, failOn), "with -v as without");
        return quiet;
    }

    /** The exit code comes from the summary and the results shown: the same with -v or without. */
    @Test
    void exitCodeOfFindingsIgnoresExcludedAndPassingResults() {
        var ok = finding("w", io.bpacat.check.Outcome.COMPLIANT, null);
        var warn = finding("w", io.bpacat.check.Outcome.NONCOMPLIANT, null);
        var err = finding("e", io.bpacat.check.Outcome.NONCOMPLIANT, null);
        var broken = finding("w", io.bpacat.check.Outcome.ERROR, null);
        assertEquals(0, exitCode("warning", ok));
        assertEquals(1, exitCode("warning", ok, warn));
        assertEquals(0, exitCode("error", ok, warn));
        assertEquals(1, exitCode("error", warn, err));
        assertEquals(0, exitCode("never", warn, err));
        assertEquals(3, exitCode("never", ok, broken, warn));
        assertEquals(0, exitCode("warning", ok, finding("w", io.bpacat.check.Outcome.NONCOMPLIANT, "on purpose"),
                finding("w", io.bpacat.check.Outcome.ERROR, "on purpose")));
        assertEquals(1, exitCode("warning", finding("x", io.bpacat.check.Outcome.NONCOMPLIANT, null)),
                "a rule without info counts as a warning");
    }

    /** The report built without the passing results is the one the full report gives without them. */
    @Test
    void reportWithoutPassingIsTheFullReportWithoutThem() {
        var findings = java.util.List.of(finding("w", io.bpacat.check.Outcome.COMPLIANT, null),
                finding("w", io.bpacat.check.Outcome.NONCOMPLIANT, null),
                finding("w", io.bpacat.check.Outcome.NOT_APPLICABLE, null),
                finding("w", io.bpacat.check.Outcome.COMPLIANT, "on purpose"),
                finding("e", io.bpacat.check.Outcome.CANNOT_EVALUATE, null));
        var rules = java.util.Map.of("w", new io.bpacat.check.report.RuleInfo("w", "W", "warning", "", ""));
        var full = new io.bpacat.check.report.Report(java.util.List.of("host.json"), findings, rules);
        var quiet = io.bpacat.check.report.Report.withoutPassing(java.util.List.of("host.json"), findings, rules);
        assertEquals(full.withoutPassing(), quiet);
        assertEquals(java.util.List.of(findings.get(1), findings.get(3), findings.get(4)), quiet.findings());
        assertEquals(2, quiet.summary().get("compliant") + quiet.summary().get("excluded"));
    }
}
