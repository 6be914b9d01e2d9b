package io.bpacat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.TestPaths;
import io.bpacat.catalog.Rule;
import io.bpacat.index.JudgedQueries;
import io.bpacat.index.SearchIndex;
import io.bpacat.index.SearchQuery;
import io.bpacat.index.Searcher;
import io.bpacat.render.SiteBuilder;
import io.bpacat.render.TemplateSource;
import io.bpacat.serve.DevServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The site's search in headless Chromium on the site of the real corpus: the search page shows the same top 10 as
 * {@code bpacat search} for every judged query, the header box, keyboard navigation, asset IDs, filters in the URL,
 * snippets, accessibility, and the search page of a locale folder.
 */
class SearchBrowserTest {
    private static final String PAUSE_RULE = "930f927c-e414-4a36-9786-028941e886e4";
    private static SiteBuilder.Result site;
    private static SearchIndex index;
    private static Searcher searcher;
    private static DevServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void serve() throws Exception {
        Path corpus = TestPaths.corpus();
        browser = Browser.get();
        site = new SiteBuilder("en-US", TemplateSource.builtIn(),
                Optional.of(Path.of("src/test/resources/site/corpus-site.yaml"))).build(corpus);
        index = SearchIndex.build(site.catalog().catalog());
        searcher = new Searcher(index);
        server = new DevServer(site.files(), 0, false);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (index != null) {
            index.close();
        }
    }

    private static String url(String path) {
        return server.uri() + path;
    }

    /** The search page of {@code folder} ("" or "it-it/") for a query, as the page's URL state. */
    private static String searchUrl(String folder, SearchQuery q) {
        StringBuilder s = new StringBuilder(url(folder + "search/?q=" + URLEncoder.encode(q.text(), StandardCharsets.UTF_8)));
        q.severities().stream().sorted().forEach(v -> s.append("&severity=").append(v));
        q.categories().stream().sorted().forEach(v -> s.append("&category=").append(v));
        q.locales().stream().sorted().forEach(v -> s.append("&locale=").append(v));
        return s.toString();
    }

    /** Opens a search page and waits until it has shown its results or gone to a rule page (asset IDs). */
    private static void open(String address) {
        browser.get(address);
        Browser.waitFor(browser).until(d -> d.getCurrentUrl().contains("/rules/")
                || !d.findElements(By.cssSelector("[data-search-page][data-search-shown]")).isEmpty());
    }

    /**
     * Shows a query on the open search page as a reader would set it (the box and the filters), without loading the
     * page again; opens the search page first when another page is open.
     */
    private static void show(SearchQuery q) {
        if (!browser.getCurrentUrl().startsWith(url("search/"))) {
            open(url("search/"));
        }
        browser.executeScript("const page = document.querySelector('[data-search-page]');"
                + "delete page.dataset.searchShown;"
                + "const form = page.querySelector('form');"
                + "form.elements.q.value = arguments[0];"
                + "form.elements.severity.value = arguments[1]; form.elements.category.value = arguments[2];"
                + "form.elements.locale.value = arguments[3];"
                + "form.dispatchEvent(new Event('change'));",
                q.text(), one(q.severities()), one(q.categories()), one(q.locales()));
        Browser.waitFor(browser).until(d -> d.getCurrentUrl().contains("/rules/")
                || !d.findElements(By.cssSelector("[data-search-page][data-search-shown]")).isEmpty());
        if (!browser.getCurrentUrl().contains("/rules/")) {
            assertEquals(searchUrl("", q).replace("%20", "+"), browser.getCurrentUrl().replace("%20", "+"),
                    "the URL holds the state");
        }
    }

    private static String one(Set<String> values) {
        assertTrue(values.size() <= 1, "one value per filter: " + values);
        return values.isEmpty() ? "" : values.iterator().next();
    }

    /** The shown results as rule ID @ locale, in order. */
    private static List<String> shownResults() {
        return shown("#bpa-results > li");
    }

    @SuppressWarnings("unchecked")
    private static List<String> shown(String selector) {
        return (List<String>) browser.executeScript("return [...document.querySelectorAll(arguments[0])]"
                + ".map(li => li.dataset.rule + '@' + li.dataset.locale)", selector);
    }

    private static List<String> lucene(SearchQuery q) {
        return searcher.search(q, 10).stream().map(h -> h.ruleId() + "@" + h.locale()).toList();
    }

    @Test
    void everyJudgedQueryShowsTheTopTenOfBpacatSearchAndRecallAtFiveIsAtLeast95Percent() {
        List<JudgedQueries.Judged> judged = JudgedQueries.load(site.catalog().catalog());
        double sum = 0;
        List<String> misses = new ArrayList<>();
        for (JudgedQueries.Judged j : judged) {
            List<String> expected = lucene(j.query());
            show(j.query());
            List<String> shown;
            String current = browser.getCurrentUrl();
            if (current.contains("/rules/")) {
                String id = current.replaceAll(".*/rules/([^/]+)/.*", "$1");
                assertEquals(1, expected.size(), "\"" + j.query().text() + "\" went to " + current + "; CLI: " + expected);
                assertEquals(expected.get(0).substring(0, expected.get(0).indexOf('@')), id, j.query().text());
                shown = expected;
            } else {
                shown = shownResults();
                assertEquals(expected, shown, "top 10 of \"" + j.query().text() + "\" " + j.query());
            }
            List<String> ranked = shown.stream().map(s -> s.substring(0, s.indexOf('@'))).toList();
            double r = JudgedQueries.recallAt5(j, ranked);
            sum += r;
            if (r < 1) {
                misses.add(j.query().text());
            }
        }
        double recall = sum / judged.size();
        System.out.printf("search recall@5 (Chromium): %.3f over %d queries; misses: %s%n", recall, judged.size(), misses);
        assertTrue(recall >= 0.95, "recall@5 in the browser " + recall + "; misses: " + misses);
    }

    @Test
    void theHeaderBoxOnARulePageShowsResultsAsYouTypeAndTheKeyboardOpensOne() {
        browser.get(url("en-us/rules/" + PAUSE_RULE + "/"));
        WebElement box = browser.findElement(By.id("bpa-q"));
        box.sendKeys("replic");
        Browser.waitFor(browser).until(d -> !d.findElements(By.cssSelector("#bpa-suggest li")).isEmpty()
                && d.findElement(By.id("bpa-suggest")).isDisplayed());
        assertEquals("true", box.getAttribute("aria-expanded"));
        List<String> shown = shown("#bpa-suggest li");
        assertEquals(lucene(SearchQuery.of("replic")).subList(0, shown.size()), shown);
        box.sendKeys("a");
        Browser.waitFor(browser).until(d -> shown("#bpa-suggest li")
                .equals(lucene(SearchQuery.of("replica")).subList(0, 8)));

        box.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        WebElement second = browser.findElement(By.id("bpa-suggest-1"));
        assertEquals("true", second.getAttribute("aria-selected"));
        assertEquals("bpa-suggest-1", box.getAttribute("aria-activedescendant"));
        String href = url(second.getAttribute("data-href").replace("../", ""));
        box.sendKeys(Keys.ENTER);
        Browser.waitFor(browser).until(ExpectedConditions.urlToBe(href));
        assertFalse(browser.findElement(By.tagName("h1")).getText().isBlank());
    }

    @Test
    void escapeClosesTheHeaderResults() {
        browser.get(url("it-it/rules/" + PAUSE_RULE + "/"));
        WebElement box = browser.findElement(By.id("bpa-q"));
        box.sendKeys("memoria");
        Browser.waitFor(browser).until(d -> d.findElement(By.id("bpa-suggest")).isDisplayed());
        box.sendKeys(Keys.ESCAPE);
        Browser.waitFor(browser).until(d -> !d.findElement(By.id("bpa-suggest")).isDisplayed());
        assertEquals("false", box.getAttribute("aria-expanded"));
    }

    @Test
    void anAssetIdTypedOnTheSearchPageGoesStraightToTheRulePage() {
        open(url("search/"));
        browser.findElement(By.id("bpa-search-q")).sendKeys(PAUSE_RULE.substring(0, 8).toUpperCase());
        Browser.waitFor(browser).until(ExpectedConditions.urlToBe(url("en-us/rules/" + PAUSE_RULE + "/")));
        open(url("it-it/search/"));
        browser.findElement(By.id("bpa-search-q")).sendKeys(PAUSE_RULE.substring(0, 8));
        Browser.waitFor(browser).until(ExpectedConditions.urlToBe(url("it-it/rules/" + PAUSE_RULE + "/")));
    }

    @Test
    void filtersCombineWithWordsAndTheStateIsInTheUrl() {
        SearchQuery q = new SearchQuery("replica", Set.of("error"), Set.of(), Set.of(), Set.of("it-IT"));
        open(url("search/?q=replica&severity=error&locale=it-IT"));
        assertEquals("replica", browser.findElement(By.id("bpa-search-q")).getAttribute("value"));
        assertEquals("error", new Select(browser.findElement(By.id("bpa-f-severity"))).getFirstSelectedOption()
                .getAttribute("value"));
        assertEquals("it-IT", new Select(browser.findElement(By.id("bpa-f-locale"))).getFirstSelectedOption()
                .getAttribute("value"));
        List<String> shown = shownResults();
        assertFalse(shown.isEmpty(), "replica, errors, Italian: results");
        assertEquals(lucene(q), shown);
        Map<String, Rule> rules = site.catalog().catalog().rules().stream()
                .collect(Collectors.toMap(Rule::id, Function.identity()));
        for (String s : shown) {
            assertTrue(s.endsWith("@it-IT"), s);
            assertEquals("error", rules.get(s.substring(0, s.indexOf('@'))).severity(), s);
        }

        new Select(browser.findElement(By.id("bpa-f-severity"))).selectByValue("warning");
        Browser.waitFor(browser).until(d -> d.getCurrentUrl().endsWith("search/?q=replica&severity=warning&locale=it-IT"));
        SearchQuery warnings = new SearchQuery("replica", Set.of("warning"), Set.of(), Set.of(), Set.of("it-IT"));
        Browser.waitFor(browser).until(d -> shownResults().equals(lucene(warnings)));
        new Select(browser.findElement(By.id("bpa-f-category"))).selectByValue("operations");
        Browser.waitFor(browser).until(d -> d.getCurrentUrl()
                .endsWith("search/?q=replica&severity=warning&category=operations&locale=it-IT"));
        browser.navigate().refresh();
        open(browser.getCurrentUrl());
        assertEquals("operations", new Select(browser.findElement(By.id("bpa-f-category"))).getFirstSelectedOption()
                .getAttribute("value"));
        assertEquals(lucene(new SearchQuery("replica", Set.of("warning"), Set.of("operations"), Set.of(),
                Set.of("it-IT"))), shownResults());
    }

    @Test
    void snippetsHighlightTheMatchedWords() {
        open(url("search/?q=" + URLEncoder.encode("dynamic memory", StandardCharsets.UTF_8) + "&locale=en-US"));
        List<WebElement> marks = browser.findElements(By.cssSelector("#bpa-results .search-snippet mark"));
        assertFalse(marks.isEmpty(), "no <mark> in the snippets");
        for (WebElement m : marks) {
            String word = m.getText().toLowerCase(java.util.Locale.ROOT);
            assertTrue(word.startsWith("dynamic") || word.startsWith("memor"), "marked: " + word);
        }
        open(url("search/?q=" + URLEncoder.encode("Arbeitsspeichers", StandardCharsets.UTF_8) + "&locale=de-DE"));
        assertTrue(browser.findElements(By.cssSelector("#bpa-results .search-snippet mark")).stream()
                .anyMatch(m -> m.getText().startsWith("Arbeitsspeicher")), "the stem is marked in German snippets");
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationOnTheSearchPageWithResults() {
        open(url("search/?q=replication&severity=error"));
        assertFalse(shownResults().isEmpty());
        assertNoSeriousViolation("search page with results");
        browser.get(url("en-us/rules/" + PAUSE_RULE + "/"));
        browser.findElement(By.id("bpa-q")).sendKeys("memory");
        Browser.waitFor(browser).until(d -> d.findElement(By.id("bpa-suggest")).isDisplayed());
        assertNoSeriousViolation("rule page with the header results open");
    }

    private static void assertNoSeriousViolation(String where) {
        List<Map<String, Object>> bad = Browser.axeViolations(browser).stream()
                .filter(v -> List.of("serious", "critical").contains(v.get("impact"))).toList();
        assertEquals(List.of(), bad.stream().map(v -> v.get("id") + ": " + v.get("help") + " " + v.get("nodes"))
                .toList(), "on the " + where);
    }

    @Test
    void theSearchPageOfALocaleFolderWorks() {
        SearchQuery q = new SearchQuery("replicazione", Set.of(), Set.of(), Set.of(), Set.of("it-IT"));
        open(searchUrl("it-it/", q));
        assertEquals("it-IT", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals(lucene(q), shownResults());
        String href = browser.findElement(By.cssSelector("#bpa-results > li a")).getAttribute("href");
        assertTrue(href.startsWith(url("it-it/rules/")), href);
        browser.findElement(By.id("bpa-search-q")).sendKeys(Keys.ARROW_DOWN);
        assertEquals(href, browser.switchTo().activeElement().getAttribute("href"), "ArrowDown focuses the first result");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        Browser.waitFor(browser).until(ExpectedConditions.urlToBe(href));
        assertEquals("it-IT", browser.findElement(By.tagName("html")).getAttribute("lang"));
    }
}
