import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Times the /try/ page of a built site validating one inventory with all checkers in headless Chromium (Debian's
 * chromium and chromium-driver): the file is chosen in the page's file input, and the time runs until the results
 * are painted. The headline is the page's own clock (its status: from the input's change event to the first frame
 * after the results are in the page); the time WebDriver saw from sendKeys to seeing the status is printed beside
 * it, and so is the worker's share. One run chooses the file the moment the page says it is ready (the worker's
 * warm-up cut short); the others first let the worker warm up, as it does while a person picks a file. Compares
 * with `bpacat validate` on the same file in the same run. Run by bench/try-chromium.sh:
 * java -cp target/bpacat.jar:TEST_CLASSPATH bench/TryChromium.java SITE_DIR INVENTORY [RUNS]
 */
public class TryChromium {
    /** The page's status once done: the number of results, the time from the file chosen to the results shown. */
    private static final Pattern PAGE_MS = Pattern.compile("(\\d+) results in (\\d+) ms");

    public static void main(String[] args) throws Exception {
        Path site = Path.of(args[0]);
        Path inventory = Path.of(args[1]).toAbsolutePath();
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String p = ex.getRequestURI().getPath().substring(1);
            Path f = site.resolve(p.isEmpty() || p.endsWith("/") ? p + "index.html" : p).normalize();
            boolean ok = f.startsWith(site) && Files.isRegularFile(f);
            byte[] body = ok ? Files.readAllBytes(f) : new byte[0];
            String name = f.getFileName().toString();
            ex.getResponseHeaders().set("Content-Type", name.endsWith(".js") ? "text/javascript" : name.endsWith(".html")
                    ? "text/html; charset=utf-8" : name.endsWith(".css") ? "text/css" : "application/json");
            ex.sendResponseHeaders(ok ? 200 : 404, body.length == 0 ? -1 : body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("bpacat.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--disable-extensions", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("bpacat.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        ChromeDriver b = new ChromeDriver(service, options);
        try {
            String processors = System.getProperty("bpacat.processors");
            if (processors != null) { // the page splits a validation over two workers when it sees two processors
                b.executeCdpCommand("Emulation.setHardwareConcurrencyOverride",
                        Map.of("hardwareConcurrency", Integer.parseInt(processors)));
                System.out.printf("navigator.hardwareConcurrency set to %s%n", processors);
            }
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/try/";
            // A reader who chooses a file the moment the page says it is ready, before the worker has warmed up.
            b.get(url);
            awaitState(b, "status.ready");
            Run hasty = run(b, inventory);
            System.out.printf("file chosen at once when ready (warm-up cut short): %d ms on the page's clock, %d ms"
                    + " through WebDriver; worker %d ms; marks: %s%n", hasty.page, hasty.wall, hasty.worker, hasty.phases);
            // Then as a person does: the page loads, the worker warms up while the file is being chosen.
            b.get(url);
            long t0 = System.nanoTime();
            awaitState(b, "status.ready");
            long ready = (System.nanoTime() - t0) / 1_000_000;
            awaitData(b, "try-warm", "warm");
            System.out.printf("page ready %d ms after load; warm-up done %d ms after load%n", ready,
                    (System.nanoTime() - t0) / 1_000_000);
            List<Run> all = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Run r = run(b, inventory);
                all.add(r);
                System.out.printf("%s run %d: %d ms on the page's clock (file chosen → results shown), %d ms through"
                        + " WebDriver; worker %d ms, %s results%n  page's marks (ms after the file was chosen): %s%n",
                        i == 0 ? "first" : "warm ", i + 1, r.page, r.wall, r.worker, r.results, r.phases);
            }
            List<Long> warm = all.subList(1, all.size()).stream().map(Run::page).sorted().toList();
            long median = warm.isEmpty() ? all.get(0).page : warm.get(warm.size() / 2);
            System.out.printf("Chromium /try/, on the page's clock: first %d ms, warm median %d ms (target: under 1500"
                    + " ms); through WebDriver: first %d ms%n", all.get(0).page, median, all.get(0).wall);
            long cli = cli(inventory);
            System.out.printf("peer, bpacat validate (whole command, JVM start included): %d ms; page/CLI: %.2f (first),"
                    + " %.2f (warm median)%n", cli, all.get(0).page / (double) cli, median / (double) cli);
        } finally {
            b.quit();
            server.stop(0);
        }
    }

    /** One validation: the page's own time, the time WebDriver saw, the worker's time, the number of results. */
    private record Run(long page, long wall, long worker, String results, String phases) {
    }

    /** Chooses the inventory in the page's file input and waits for the results. */
    private static Run run(ChromeDriver b, Path inventory) {
        b.executeScript("const m = document.querySelector('[data-try-page]'); m.dataset.tryState = 'waiting';"
                + "document.getElementById('bpa-try-file').value = '';");
        long t0 = System.nanoTime();
        b.findElement(By.id("bpa-try-file")).sendKeys(inventory.toString());
        awaitState(b, "status.done", "status.unreadable");
        long wall = (System.nanoTime() - t0) / 1_000_000;
        String status = b.findElement(By.cssSelector("[data-try-status]")).getText();
        Matcher m = PAGE_MS.matcher(status);
        if (!"status.done".equals(state(b)) || !m.find()) {
            throw new IllegalStateException("the page did not validate " + inventory + ": " + status);
        }
        long worker = Long.parseLong((String) b.executeScript(
                "return document.querySelector('[data-try-page]').dataset.tryWorkerMs"));
        String phases = (String) b.executeScript("return document.querySelector('[data-try-page]').dataset.tryPhases");
        return new Run(Long.parseLong(m.group(2)), wall, worker, m.group(1), phases);
    }

    /**
     * Waits, without polling, until the page's state ({@code data-try-state}) is one of these: the page tells a
     * script waiting in it (a WebDriverWait asking every few milliseconds would take processor time from the
     * validation it times).
     */
    private static void awaitState(ChromeDriver b, String... states) {
        awaitData(b, "try-state", states);
    }

    /** Waits, without polling, until the page's attribute {@code data-<name>} holds one of these values. */
    private static void awaitData(ChromeDriver b, String name, String... values) {
        b.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        b.executeAsyncScript("const [name, want] = arguments, done = arguments[arguments.length - 1];"
                + "const m = document.querySelector('[data-try-page]'); let seen = null;"
                + "const check = () => want.includes(m.getAttribute('data-' + name)) && (seen?.disconnect(), done(), true);"
                + "if (!check()) { seen = new MutationObserver(check);"
                + " seen.observe(m, {attributes: true, attributeFilter: ['data-' + name]}); }", name, List.of(values));
    }

    private static String state(ChromeDriver b) {
        return (String) b.executeScript("return document.querySelector('[data-try-page]')?.dataset.tryState ?? ''");
    }

    private static long cli(Path inventory) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("java", "-jar", "target/bpacat.jar", "validate", inventory.toString(), "--content",
                "content", "--format", "json", "--fail-on", "never", "-o", "bench/work/try-cli.json")
                .inheritIO().start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException("bpacat validate exited with " + code);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
