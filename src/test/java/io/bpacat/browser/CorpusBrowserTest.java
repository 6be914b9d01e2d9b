package io.bpacat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.TestPaths;
import io.bpacat.catalog.Rule;
import io.bpacat.render.SiteBuilder;
import io.bpacat.render.TemplateSource;
import io.bpacat.serve.DevServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The site of the real corpus in headless Chromium. */
class CorpusBrowserTest {
    static final String SEED_RULE = "a7fdd185-d6c8-4f58-9b58-2df5827bb056";
    private static SiteBuilder.Result site;
    private static DevServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void serve() throws Exception {
        Path corpus = TestPaths.corpus();
        browser = Browser.get();
        site = new SiteBuilder("en-US", TemplateSource.builtIn(),
                Optional.of(Path.of("src/test/resources/site/corpus-site.yaml"))).build(corpus);
        server = new DevServer(site.files(), 0, false);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String url(String path) {
        return server.uri() + path;
    }

    private static List<WebElement> visibleRows() {
        return browser.findElements(By.cssSelector("#bpa-rules tbody tr:not([hidden])"));
    }

    @Test
    void theHomePageListsEveryRule() {
        browser.get(url(""));
        assertEquals(191, visibleRows().size());
        assertEquals("191 of 191 rules shown", browser.findElement(By.id("bpa-result-count")).getText());
    }

    @Test
    void filteringBySeverityShowsExactlyTheErrorRules() {
        List<String> errors = site.catalog().catalog().rules().stream().filter(r -> "error".equals(r.severity()))
                .map(Rule::id).sorted().toList();
        browser.get(url("?severity=error"));
        List<String> shown = visibleRows().stream().map(r -> r.getAttribute("data-id")).sorted().toList();
        assertEquals(errors, shown);
        assertTrue(browser.findElement(By.cssSelector("input[name=severity][value=error]")).isSelected());
    }

    @Test
    void clickingFacetsFiltersAndPutsTheStateInTheUrl() {
        browser.get(url(""));
        browser.findElement(By.cssSelector("input[name=severity][value=warning]")).click();
        browser.findElement(By.cssSelector("input[name=category][value=operations]")).click();
        assertTrue(browser.getCurrentUrl().endsWith("?severity=warning&category=operations"), browser.getCurrentUrl());
        long expected = site.catalog().catalog().rules().stream()
                .filter(r -> "warning".equals(r.severity()) && "operations".equals(r.category())).count();
        assertEquals(expected, visibleRows().size());
        browser.findElement(By.id("bpa-clear")).click();
        assertEquals(191, visibleRows().size());
    }

    @Test
    void typingInTheSearchBoxFiltersByTitleAndId() {
        browser.get(url(""));
        browser.findElement(By.id("bpa-q")).sendKeys(SEED_RULE.substring(0, 8));
        Browser.waitFor(browser).until(d -> visibleRows().size() == 1);
        assertEquals(SEED_RULE, visibleRows().get(0).getAttribute("data-id"));
    }

    @Test
    void sortingByAColumnReordersTheRows() {
        browser.get(url(""));
        browser.findElement(By.cssSelector("th[data-sort=severity] button")).click();
        List<WebElement> rows = visibleRows();
        assertEquals("error", rows.get(0).getAttribute("data-severity"));
        assertEquals("ascending", browser.findElement(By.cssSelector("th[data-sort=severity]")).getAttribute("aria-sort"));
        assertTrue(browser.getCurrentUrl().endsWith("?sort=severity"), browser.getCurrentUrl());
    }

    @Test
    void theLocaleSwitchOnARulePageLeadsToTheSameRuleInTheOtherLanguage() {
        browser.get(url("en-us/rules/" + SEED_RULE + "/"));
        browser.findElement(By.cssSelector(".translations a[hreflang=it-IT]")).click();
        Browser.waitFor(browser).until(ExpectedConditions.urlContains("/it-it/rules/" + SEED_RULE + "/"));
        assertEquals("it-IT", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertTrue(browser.findElement(By.tagName("h1")).getText().startsWith("Integration Services deve"));
    }

    @Test
    void theRulesPathPicksTheBrowsersLanguage() {
        try {
            Browser.languages(browser, "de-AT,de;q=0.9,en;q=0.5");
            browser.get(url("rules/" + SEED_RULE + "/"));
            Browser.waitFor(browser).until(ExpectedConditions.urlContains("/de-de/rules/" + SEED_RULE + "/"));
            Browser.languages(browser, "ja-JP,ja");
            browser.get(url("rules/" + SEED_RULE + "/"));
            Browser.waitFor(browser).until(ExpectedConditions.urlContains("/en-us/rules/" + SEED_RULE + "/"));
        } finally {
            Browser.languages(browser, "en-US,en");
        }
    }

    @Test
    void theOriginalFileNameRedirectsToTheRulePage() {
        browser.get(url("fr-fr/Integration-services-must-be-installed-before-primary-or-Replica-virtual-machine/"));
        Browser.waitFor(browser).until(ExpectedConditions.urlContains("/fr-fr/rules/" + SEED_RULE + "/"));
    }

    @Test
    void codeBlocksGetACopyButton() {
        browser.get(url("it-it/rules/" + firstRuleWithCode() + "/"));
        WebElement button = browser.findElement(By.cssSelector(".code-block button.copy"));
        assertEquals("Copia", button.getText());
        String code = button.findElement(By.xpath("following-sibling::pre")).getAttribute("textContent");
        assertEquals(code.stripTrailing(), Browser.copy(browser, button, "Copiato").stripTrailing());
    }

    private static String firstRuleWithCode() {
        return site.catalog().catalog().rules().stream()
                .filter(r -> r.translations().containsKey("it-IT") && r.translations().get("it-IT").body().contains("```"))
                .map(Rule::id).findFirst().orElseThrow();
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolation() {
        for (String path : List.of("", "it-it/rules/" + SEED_RULE + "/", "no/such/page/")) {
            browser.get(url(path));
            List<Map<String, Object>> bad = Browser.axeViolations(browser).stream()
                    .filter(v -> List.of("serious", "critical").contains(v.get("impact"))).toList();
            assertEquals(List.of(), bad.stream().map(v -> v.get("id") + ": " + v.get("help")).toList(), "on /" + path);
        }
    }
}
