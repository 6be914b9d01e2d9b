package io.bpacat.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) shared by every browser test of the
 * run, started on first use and stopped when the JVM exits. Tests skip, saying why, where the packages are missing.
 */
final class Browser {
    static final Path CHROMIUM = Path.of(System.getProperty("bpacat.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("bpacat.chromedriver", "/usr/bin/chromedriver"));
    private static ChromeDriver driver;

    private Browser() {
    }

    static synchronized ChromeDriver get() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "browser tests need " + CHROMIUM
                + " and " + DRIVER + " (apt-get install chromium chromium-driver; .ci/run does it): skipping");
        if (driver == null) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--lang=en-US", "--window-size=1280,900", "--disable-extensions", "--no-first-run");
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
            driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> driver.quit()));
        }
        return driver;
    }

    static WebDriverWait waitFor(ChromeDriver d) {
        return new WebDriverWait(d, Duration.ofSeconds(10), Duration.ofMillis(25));
    }

    /** Sets the languages the browser asks for (navigator.languages), for the pages loaded next. */
    static void languages(ChromeDriver d, String acceptLanguage) {
        String ua = (String) d.executeScript("return navigator.userAgent");
        d.executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent", ua, "acceptLanguage", acceptLanguage));
    }

    /**
     * Clicks a code block's copy button and returns what it gave the reader: the clipboard's text when the button
     * says {@code copied}, else the text it selected (the page's way where the clipboard is refused); "" for nothing.
     * The clipboard drops a final line break.
     */
    static String copy(ChromeDriver d, WebElement button, String copied) {
        d.executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("clipboardReadWrite")));
        d.executeScript("getSelection().removeAllRanges(); arguments[0].scrollIntoView({block: 'center'})", button);
        String before = button.getText();
        button.click();
        waitFor(d).until(x -> copied.equals(button.getText()) || !d.executeScript("return getSelection().toString()")
                .equals(""));
        if (!copied.equals(button.getText())) {
            return (String) d.executeScript("return getSelection().toString()");
        }
        d.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        Object text = d.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "navigator.clipboard.readText().then(done, e => done('clipboard unreadable: ' + e))");
        waitFor(d).until(x -> before.equals(button.getText())); // the label comes back
        return String.valueOf(text);
    }

    /** Runs axe-core (from node_modules, bundled into the page by the test: no CDN) and returns the violations. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> axeViolations(ChromeDriver d) {
        Path axe = Path.of("node_modules/axe-core/axe.min.js");
        assumeTrue(Files.isRegularFile(axe), "axe-core is not installed (npm ci runs in the Maven build): skipping");
        try {
            ((JavascriptExecutor) d).executeScript(Files.readString(axe, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        d.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Map<String, Object> result = (Map<String, Object>) d.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r), e => done({error: String(e)}));");
        if (result.containsKey("error")) {
            throw new IllegalStateException("axe-core failed: " + result.get("error"));
        }
        return (List<Map<String, Object>>) result.get("violations");
    }
}
