package io.bpacat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bpacat.catalog.Catalog;
import io.bpacat.catalog.CatalogBuilder;
import io.bpacat.catalog.Rule;
import io.bpacat.check.Checker;
import io.bpacat.check.CheckerEngine;
import io.bpacat.check.CheckerLoader;
import io.bpacat.cli.Main;
import io.bpacat.diag.Diagnostics;
import io.bpacat.render.SiteBuilder;
import io.bpacat.render.TemplateSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The validator page ({@code /try/}) of the site built from {@code content/}, in headless Chromium: results as
 * {@code bpacat validate} gives them, every checker example with the CLI's outcomes, "Try this rule" and the
 * playground, hostile inventories, no request after load, accessibility.
 */
class TryPageBrowserTest {
    private static final Path CONTENT = Path.of("content");
    private static final Path SAMPLES = Path.of("site-templates/try-samples");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINISHED = Set.of("status.done", "status.unreadable", "status.stopped",
            "tooLarge", "status.loadFailed");
    private static RecordingServer server;
    private static ChromeDriver b;

    @BeforeAll
    static void serve() throws Exception {
        b = Browser.get();
        SiteBuilder.Result site = new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.empty()).build(CONTENT);
        server = new RecordingServer(site.files());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static WebDriverWait waiting(int seconds) {
        return new WebDriverWait(b, Duration.ofSeconds(seconds), Duration.ofMillis(20));
    }

    private static String state() {
        return (String) b.executeScript("return document.querySelector('[data-try-page]').dataset.tryState || ''");
    }

    private static String status() {
        return b.findElement(By.cssSelector("[data-try-status]")).getText();
    }

    /** Opens a try page and waits until its checkers are loaded (and, with ?rule=, its example validated). */
    private static void open(String path) {
        b.get(server.uri() + path);
        waiting(20).until(d -> !state().isEmpty() && !state().equals("status.loading"));
        assertFalse(state().equals("status.loadFailed"), status());
    }

    private static void clickAndWait(WebElement e) {
        b.executeScript("document.querySelector('[data-try-page]').dataset.tryState = 'waiting'");
        e.click();
        waitFinished(30);
    }

    /** Chooses a file in the page's file input and waits until its validation finished. */
    private static void chooseAndWait(Path file) {
        b.executeScript("document.querySelector('[data-try-page]').dataset.tryState = 'waiting'");
        b.findElement(By.id("bpa-try-file")).sendKeys(file.toAbsolutePath().toString());
        waitFinished(30);
    }

    private static void waitFinished(int seconds) {
        waiting(seconds).until(d -> FINISHED.contains(state()));
    }

    private static void validateText(String text) {
        b.executeScript("document.getElementById('bpa-try-text').value = arguments[0]", text);
        clickAndWait(b.findElement(By.id("bpa-try-run")));
    }

    private static void select(String id, String value) {
        b.executeScript("const s = document.getElementById(arguments[0]); s.value = arguments[1];"
                + "s.dispatchEvent(new Event('change'));", id, value);
    }

    /** Sets a filter of the results and waits until the page shows what it keeps. */
    private static void filter(String id, String value) {
        select(id, value);
        waiting(20).until(d -> "shown".equals(b.executeScript(
                "return document.querySelector('[data-try-page]').dataset.tryView")));
    }

    /** What `bpacat validate --format json` reports; -v lists every outcome. */
    private static JsonNode cli(List<Path> inventories, boolean verbose) throws Exception {
        List<String> args = new ArrayList<>(List.of("validate", "--content", CONTENT.toString(), "--format", "json",
                "--fail-on", "never"));
        if (verbose) {
            args.add("-v");
        }
        inventories.forEach(p -> args.add(p.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return JSON.readTree(out.toString());
    }

    private static String cliText(Path inventory, String format) {
        StringWriter out = new StringWriter();
        Main.run(new String[] {"validate", "--content", CONTENT.toString(), "--format", format, "--fail-on", "never",
            inventory.toString()}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        return out.toString();
    }

    /** rule / object / outcome of every result the page lists. */
    @SuppressWarnings("unchecked")
    private static Set<String> shownResults() {
        return new TreeSet<>((List<String>) b.executeScript("return [...document.querySelectorAll("
                + "'[data-try-groups] article')].flatMap(a => [...a.querySelectorAll('li')].map(li =>"
                + " a.dataset.rule + ' / ' + li.querySelector('.try-object').textContent + ' / ' + li.dataset.outcome))"));
    }

    private static void assertNothingRan(String where) {
        assertNull(b.executeScript("return window.__xss"), "a payload ran on " + where);
        try {
            b.switchTo().alert();
            throw new AssertionError("an alert opened on " + where);
        } catch (NoAlertPresentException expected) {
            // nothing opened
        }
    }

    @Test
    void theProblemSampleShowsWhatTheCliReportsGroupedBySeverityWithLinksFiltersAndNoAxeViolation() throws Exception {
        open("try/");
        clickAndWait(b.findElement(By.cssSelector("[data-try-sample='problem-host.json']")));
        assertEquals("status.done", state(), status());
        Set<String> expected = new TreeSet<>();
        for (JsonNode r : cli(List.of(SAMPLES.resolve("problem-host.json")), false).get("results")) {
            expected.add(r.get("rule").asText() + " / " + r.get("object").asText() + " / " + r.get("outcome").asText());
        }
        assertEquals(expected, shownResults(), "the page needs attention where bpacat validate does");
        List<WebElement> groups = b.findElements(By.cssSelector("[data-try-groups] section[data-severity]"));
        List<String> order = groups.stream().map(g -> g.getAttribute("data-severity")).toList();
        assertEquals(List.of("error", "warning", "information").stream().filter(order::contains).toList(), order);
        for (WebElement g : groups) {
            int items = g.findElements(By.cssSelector("li")).size();
            assertTrue(g.findElement(By.tagName("h3")).getText().endsWith("(" + items + ")"), "the count of a group");
        }
        for (WebElement a : b.findElements(By.cssSelector("[data-try-groups] article h4 a"))) {
            assertTrue(a.getAttribute("href").contains("/en-us/rules/"), a.getAttribute("href"));
        }
        List<WebElement> copy = b.findElements(By.cssSelector("[data-try-groups] .try-fix button.copy"));
        assertFalse(copy.isEmpty(), "remediation with a copy button");
        WebElement last = copy.get(copy.size() - 1);
        String fix = last.findElement(By.xpath("following-sibling::pre")).getAttribute("textContent");
        assertEquals(fix.stripTrailing(), Browser.copy(b, last, "Copied").stripTrailing());
        filter("bpa-try-f-severity", "warning");
        assertTrue(b.findElements(By.cssSelector("[data-try-groups] section[data-severity]")).stream()
                .allMatch(g -> "warning".equals(g.getAttribute("data-severity"))));
        filter("bpa-try-f-severity", "");
        List<Map<String, Object>> serious = Browser.axeViolations(b).stream()
                .filter(v -> Set.of("serious", "critical").contains(String.valueOf(v.get("impact")))).toList();
        assertTrue(serious.isEmpty(), "axe-core: " + serious);
    }

    @Test
    void everyExampleOfEveryCheckerGetsTheOutcomesOfBpacatValidate(@TempDir Path dir) throws Exception {
        Diagnostics diags = new Diagnostics();
        List<Checker> checkers = new CheckerLoader().loadAll(CONTENT, diags);
        List<Path> files = new ArrayList<>();
        for (int c = 0; c < checkers.size(); c++) {
            for (int e = 0; e < checkers.get(c).examples().size(); e++) {
                Path f = dir.resolve(c + "-" + e + ".json");
                Files.writeString(f, JSON.writeValueAsString(checkers.get(c).examples().get(e).inventory()));
                files.add(f);
            }
        }
        Map<String, Map<String, String>> byFileAndRule = new TreeMap<>();
        for (JsonNode r : cli(files, true).get("results")) {
            String file = Path.of(r.get("inventory").asText()).getFileName().toString();
            byFileAndRule.computeIfAbsent(file + " " + r.get("rule").asText(), k -> new TreeMap<>())
                    .put(r.get("object").asText(), r.get("outcome").asText());
        }
        Catalog catalog = new CatalogBuilder().build(CONTENT).catalog();
        open("try/");
        int compared = 0;
        for (int c = 0; c < checkers.size(); c++) {
            Checker checker = checkers.get(c);
            String rule = catalog.rules().stream().filter(x -> checker.file().equals(x.checker())).map(Rule::id)
                    .findFirst().orElse(CheckerEngine.defaultRuleId(checker));
            select("bpa-try-rule", rule);
            String r = rule;
            waiting(20).until(d -> r.equals(b.executeScript(
                    "return document.querySelector('[data-try-playground]').dataset.shown")));
            for (int e = 0; e < checkers.get(c).examples().size(); e++) {
                @SuppressWarnings("unchecked")
                List<List<String>> rows = (List<List<String>>) b.executeScript("return [...document.querySelectorAll("
                        + "'[data-try-examples] tr')].filter(t => t.dataset.example === String(arguments[0]) && "
                        + "t.dataset.outcome).map(t => [t.dataset.object, t.dataset.outcome])", e);
                Map<String, String> page = new TreeMap<>();
                rows.forEach(row -> page.put(row.get(0), row.get(1)));
                assertEquals(byFileAndRule.getOrDefault(c + "-" + e + ".json " + rule, Map.of()), page,
                        checkers.get(c).file() + " example " + (e + 1));
                compared++;
            }
        }
        assertEquals(checkers.stream().mapToInt(c -> c.examples().size()).sum(), compared, "examples compared");
        assertTrue(checkers.size() >= 100, "the checkers of content/: " + checkers.size());
    }

    @Test
    void tryThisRuleOpensTheRuleWithItsExamplesAndThePlaygroundShowsEditsChangeOutcomes() throws Exception {
        String rule = "5b0c7d3e-2f61-4a8e-9c1d-7e4f3a2b6c90.the-hyper-v-virtual-machine-management-service-should-start-automatically";
        b.get(server.uri() + "en-us/rules/" + rule + "/");
        b.findElement(By.cssSelector("a[data-try-rule]")).click();
        waiting(20).until(d -> b.getCurrentUrl().contains("try/?rule=" + rule));
        waiting(20).until(d -> rule.equals(b.executeScript(
                "return document.querySelector('[data-try-playground]').dataset.shown")));
        waitFinished(20);
        assertEquals(rule, b.findElement(By.id("bpa-try-rule")).getAttribute("value"));
        assertTrue(b.findElement(By.id("bpa-try-expr")).getAttribute("value").contains("vmms"));
        List<WebElement> rows = b.findElements(By.cssSelector("[data-try-examples] tr"));
        assertTrue(rows.size() >= 2 && rows.stream().allMatch(r -> r.getAttribute("class").equals("same")),
                "every example gives its expected outcome");
        assertTrue(shownResults().contains(rule + " / HV01 / noncompliant"), "the failing example was validated");
        WebElement expr = b.findElement(By.id("bpa-try-expr"));
        expr.clear();
        expr.sendKeys("true");
        waiting(20).until(d -> b.findElements(By.cssSelector("[data-try-examples] tr.differs")).size() == 1);
        WebElement changed = b.findElement(By.cssSelector("[data-try-examples] tr.differs"));
        assertEquals("noncompliant", changed.getAttribute("data-expected"));
        assertEquals("compliant", changed.getAttribute("data-outcome"));
        expr.sendKeys(" and (");
        waiting(20).until(d -> b.findElement(By.cssSelector("[data-try-play-note]")).getText()
                .startsWith("The expression cannot be evaluated") || b.findElements(By.cssSelector(
                "[data-try-examples] tr[data-outcome='error']")).size() > 0);
    }

    @Test
    void hostileInventoriesRunNothingKeepThePageResponsiveAndSayWhatIsWrong(@TempDir Path dir) throws Exception {
        open("try/");
        b.executeScript("window.__maxGap = 0; let last = performance.now(); window.__ticks = 0;"
                + "setInterval(() => { const n = performance.now(); window.__maxGap = Math.max(window.__maxGap, n - last);"
                + " last = n; window.__ticks++; }, 20);");
        String sample = Files.readString(SAMPLES.resolve("problem-host.json"), StandardCharsets.UTF_8);
        validateText(sample.replace("app01", "<img src=x onerror=\\\"window.__xss=1\\\">")
                .replace("web01", "<script>window.__xss=2</script>"));
        assertEquals("status.done", state(), status());
        filter("bpa-try-f-outcome", "");
        assertTrue(b.findElement(By.cssSelector("[data-try-groups]")).getText().contains("<img src=x onerror="),
                "the name is shown as text");
        assertNothingRan("the results with HTML in VM names");

        validateText("{\"VM\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        assertEquals("status.unreadable", state(), "100,000 levels of nesting: " + status());
        assertTrue(status().length() > "pasted inventory could not be read: ".length() + 5, status());

        validateText("{\"__proto__\": {\"polluted\": 1}, \"constructor\": {\"prototype\": {\"polluted\": 2}},"
                + " \"VM\": [{\"Name\": \"vm1\", \"__proto__\": {\"State\": 2}, \"constructor\": \"x\"}]}");
        assertTrue(Set.of("status.done", "status.unreadable").contains(state()), status());
        assertNull(b.executeScript("return ({}).polluted ?? null"), "Object.prototype untouched");

        Path big = dir.resolve("big-inventory.json");
        String padding = "x".repeat(1 << 20);
        StringBuilder sb = new StringBuilder("{\"VM\": [");
        for (int i = 0; i < 50; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"Name\": \"vm").append(i).append("\", \"Notes\": \"").append(padding)
                    .append("\"}");
        }
        Files.writeString(big, sb.append("]}").toString());
        assertTrue(Files.size(big) > 50_000_000L);
        b.executeScript("document.querySelector('[data-try-page]').dataset.tryState = 'waiting'");
        long ticks = (Long) b.executeScript("return window.__ticks");
        b.findElement(By.id("bpa-try-file")).sendKeys(big.toAbsolutePath().toString());
        waitFinished(60);
        assertTrue(status().contains("big-inventory.json"), status());
        assertTrue((Long) b.executeScript("return window.__ticks") > ticks, "the page's timer kept ticking");
        double gap = ((Number) b.executeScript("return window.__maxGap")).doubleValue();
        assertTrue(gap < 3000, "the main thread was blocked for " + gap + " ms (a page that validated on it would block for the whole run)");
        assertNothingRan("the hostile inventories");
    }

    @Test
    void validatingExportingAndThePlaygroundMakeNoRequest(@TempDir Path dir) throws Exception {
        open("try/");
        waiting(10).until(d -> Boolean.TRUE.equals(b.executeScript("return document.readyState === 'complete'")));
        List<String> atLoad = server.requests();
        long resources = (Long) b.executeScript("return performance.getEntriesByType('resource').length");
        clickAndWait(b.findElement(By.cssSelector("[data-try-sample='clean-host.json']")));
        clickAndWait(b.findElement(By.cssSelector("[data-try-sample='problem-host.json']")));
        Path file = dir.resolve("host.json");
        Files.copy(SAMPLES.resolve("problem-host.json"), file);
        chooseAndWait(file);
        assertEquals("status.done", state(), status());
        b.executeScript("window.__blobs = []; const make = URL.createObjectURL;"
                + "URL.createObjectURL = (blob) => { window.__blobs.push(blob); return make.call(URL, blob); };");
        for (WebElement e : b.findElements(By.cssSelector("[data-try-export]"))) {
            e.click();
        }
        waiting(20).until(d -> Long.valueOf(3).equals(b.executeScript("return window.__blobs.length")));
        @SuppressWarnings("unchecked")
        List<String> exports = (List<String>) b.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "Promise.all(window.__blobs.map(x => x.text())).then(done)");
        List<String> formats = b.findElements(By.cssSelector("[data-try-export]")).stream()
                .map(e -> e.getAttribute("data-try-export")).toList();
        for (int i = 0; i < formats.size(); i++) {
            assertEquals(cliText(file, formats.get(i)).replace(file.toString(), "host.json"), exports.get(i),
                    formats.get(i) + " export, byte for byte as bpacat validate writes it");
        }
        String rule = (String) b.executeScript("return document.querySelector('#bpa-try-rule option[value]:not([value=\"\"])').value");
        select("bpa-try-rule", rule);
        waiting(20).until(d -> rule.equals(b.executeScript(
                "return document.querySelector('[data-try-playground]').dataset.shown")));
        Thread.sleep(300);
        assertEquals(atLoad, server.requests(), "requests after the page loaded");
        assertEquals(resources, b.executeScript("return performance.getEntriesByType('resource').length"));
    }

    /**
     * While the page waits for a file its worker validates the samples (warm-up) and says so; a validation asked for
     * in the middle of it ends it and gives what one after it gives, and bpacat validate; warming up makes no request.
     */
    @Test
    void theWorkerWarmsUpWhileThePageWaitsAndAValidationCutsItShortWithTheSameResults() throws Exception {
        Set<String> expected = expectedResults(SAMPLES.resolve("problem-host.json"));
        open("try/");
        String atClick = warmState();
        clickAndWait(b.findElement(By.cssSelector("[data-try-sample='problem-host.json']")));
        assertEquals("status.done", state(), status());
        assertEquals(expected, shownResults(), "validated during the warm-up");
        assertTrue(Set.of("warming", "warm").contains(atClick), atClick);
        if (atClick.equals("warming")) { // the usual case: a warm-up takes some hundred milliseconds
            Thread.sleep(500);
            assertEquals("warming", warmState(), "the validation ended the warm-up: it never says it finished");
        }

        open("try/");
        List<String> atReady = server.requests();
        waiting(30).until(d -> "warm".equals(warmState()));
        assertEquals(atReady, server.requests(), "requests while warming up");
        clickAndWait(b.findElement(By.cssSelector("[data-try-sample='problem-host.json']")));
        assertEquals("status.done", state(), status());
        assertEquals(expected, shownResults(), "validated after the warm-up");
        assertTrue(status().matches(".*: \\d+ results in \\d+ ms\\."), status());
    }

    private static String warmState() {
        return (String) b.executeScript("return document.querySelector('[data-try-page]').dataset.tryWarm || ''");
    }

    /**
     * With more than two processors the page splits a validation over two workers (a helper runs every other
     * checker); the page shows and exports exactly what one worker, and bpacat validate, give.
     */
    @Test
    void aValidationSplitOverTwoWorkersGivesTheCliReport(@TempDir Path dir) throws Exception {
        long processors = (Long) b.executeScript("return navigator.hardwareConcurrency");
        b.executeCdpCommand("Emulation.setHardwareConcurrencyOverride", Map.of("hardwareConcurrency", 4));
        try {
            open("try/");
            assertEquals("2", b.executeScript("return document.querySelector('[data-try-page]').dataset.tryWorkers"));
            Path file = dir.resolve("problem-host.json");
            Files.copy(SAMPLES.resolve("problem-host.json"), file);
            chooseAndWait(file);
            assertEquals("status.done", state(), status());
            Set<String> expected = new TreeSet<>();
            for (JsonNode r : cli(List.of(file), false).get("results")) {
                expected.add(r.get("rule").asText() + " / " + r.get("object").asText() + " / "
                        + r.get("outcome").asText());
            }
            assertEquals(expected, shownResults(), "the page needs attention where bpacat validate does");
            b.executeScript("window.__blobs = []; const make = URL.createObjectURL;"
                    + "URL.createObjectURL = (blob) => { window.__blobs.push(blob); return make.call(URL, blob); };");
            b.findElement(By.cssSelector("[data-try-export='json']")).click();
            waiting(20).until(d -> Long.valueOf(1).equals(b.executeScript("return window.__blobs.length")));
            String json = (String) b.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "window.__blobs[0].text().then(done)");
            assertEquals(cliText(file, "json").replace(file.toString(), "problem-host.json"), json,
                    "the JSON export of a split validation, byte for byte as bpacat validate writes it");
        } finally {
            b.executeCdpCommand("Emulation.setHardwareConcurrencyOverride", Map.of("hardwareConcurrency", processors));
        }
    }

    @Test
    void yamlPastedAndCsvDroppedGiveTheCliResultsOnTheItalianPage(@TempDir Path dir) throws Exception {
        open("it-it/try/");
        assertTrue(status().contains("controlli pronti"), status());
        assertEquals("Convalida", b.findElement(By.id("bpa-try-run")).getText());
        String yaml = "ComputerSystem:\n  Name: HV01\nService:\n  - Name: vmms\n    Status: Running\n"
                + "    StartType: Manual\n  - Name: W32Time\n    Status: 1\n    StartType: 2\n";
        Path yamlFile = dir.resolve("host.yaml");
        Files.writeString(yamlFile, yaml);
        validateText(yaml);
        assertEquals("status.done", state(), status());
        assertEquals(expectedResults(yamlFile), shownResults(), "YAML pasted");
        assertTrue(b.findElement(By.cssSelector("[data-try-groups] h3")).getText().matches("(Errore|Avviso|Informazione) \\(\\d+\\)"));

        String csv = "#TYPE Microsoft.HyperV.PowerShell.VirtualMachine\r\n\"Name\",\"State\",\"Generation\","
                + "\"DynamicMemoryEnabled\",\"MemoryStartup\",\"ProcessorCount\"\r\n\"web01\",\"Paused\",\"2\","
                + "\"False\",\"536870912\",\"2\"\r\n\"sql01\",\"Running\",\"1\",\"True\",\"4294967296\",\"4\"\r\n";
        Path csvFile = dir.resolve("vms.csv");
        Files.writeString(csvFile, csv);
        b.executeScript("document.querySelector('[data-try-page]').dataset.tryState = 'waiting';"
                + "document.getElementById('bpa-try-text').value = '';"
                + "const dt = new DataTransfer(); dt.items.add(new File([arguments[0]], 'vms.csv', {type: 'text/csv'}));"
                + "document.querySelector('[data-try-drop]').dispatchEvent(new DragEvent('drop', {dataTransfer: dt,"
                + " bubbles: true, cancelable: true}));", csv);
        waitFinished(30);
        assertEquals("status.done", state(), status());
        assertTrue(status().startsWith("vms.csv"), status());
        assertEquals(expectedResults(csvFile), shownResults(), "CSV dropped");
    }

    private static Set<String> expectedResults(Path inventory) throws Exception {
        Set<String> expected = new TreeSet<>();
        for (JsonNode r : cli(List.of(inventory), false).get("results")) {
            expected.add(r.get("rule").asText() + " / " + r.get("object").asText() + " / " + r.get("outcome").asText());
        }
        return expected;
    }
}
