package io.bpacat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.render.SiteBuilder;
import io.bpacat.render.SiteFiles;
import io.bpacat.render.TemplateSource;
import io.bpacat.serve.DevServer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;

/** Fixture sites in headless Chromium: hostile pages, live reload. */
class FixtureBrowserTest {
    private static SiteBuilder.Result build(String fixture) {
        return new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.empty())
                .build(Path.of("src/test/resources/site", fixture));
    }

    private static void assertNothingRan(ChromeDriver b, String where) {
        assertNull(b.executeScript("return window.__xss"), "a payload ran on " + where);
        try {
            b.switchTo().alert();
            throw new AssertionError("an alert opened on " + where);
        } catch (NoAlertPresentException expected) {
            // nothing opened
        }
    }

    @Test
    void hostileMarkdownAndFrontMatterExecuteNothing() throws Exception {
        ChromeDriver b = Browser.get();
        b.get("data:text/html,<img src=x onerror=\"window.__xss='control'\">");
        Browser.waitFor(b).until(d -> "control".equals(b.executeScript("return window.__xss")));
        SiteBuilder.Result site = build("script-in-markdown");
        try (DevServer server = new DevServer(site.files(), 0, false)) {
            for (String path : site.files().paths()) {
                if (path.endsWith(".html")) {
                    b.get(server.uri() + path);
                    assertNothingRan(b, path);
                }
            }
            b.get(server.uri() + "en-us/rules/99999999-0000-4000-8000-000000000001/");
            assertTrue(b.findElement(By.tagName("h1")).getText().contains("<script>window.__xss"), "the title is text");
            b.findElement(By.id("js-link")).click();
            b.findElement(By.id("onclick-link")).click();
            assertNothingRan(b, "the rule page after clicking its links");
            assertEquals("A table the corpus would use", b.findElement(By.cssSelector(".content td")).getText());
        }
    }

    @Test
    void liveReloadReloadsAnOpenPageAfterARebuild() throws Exception {
        ChromeDriver b = Browser.get();
        SiteBuilder.Result site = build("small");
        try (DevServer server = new DevServer(site.files(), 0, true)) {
            b.get(server.uri().toString());
            Browser.waitFor(b).until(d -> Boolean.TRUE.equals(b.executeScript(
                    "return performance.getEntriesByType('resource').some(e => e.name.includes('livereload'))")));
            Thread.sleep(300);
            b.executeScript("window.__before = true");
            SiteFiles next = new SiteFiles();
            site.files().paths().forEach(p -> next.put(p, site.files().get(p)));
            next.replace("index.html", new String(site.files().get("index.html"), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("Best practice rules</h1>", "Rebuilt rules</h1>"));
            server.update(next);
            Browser.waitFor(b).until(d -> b.findElement(By.tagName("h1")).getText().equals("Rebuilt rules"));
            assertNull(b.executeScript("return window.__before"), "the page was loaded again");
        }
    }
}
