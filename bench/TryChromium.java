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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Times the /try/ page of a built site validating one inventory with all checkers in headless Chromium (Debian's
 * chromium and chromium-driver): the file is chosen in the page's file input, and the time runs until the results
 * are on the page. Prints the first run and the warm runs, the worker's own time as the page reports it, and
 * compares with `bpacat validate` on the same file in the same run. Run by bench/try-chromium.sh:
 * java -cp target/bpacat.jar:TEST_CLASSPATH bench/TryChromium.java SITE_DIR INVENTORY [RUNS]
 */
public class TryChromium {
    private static final Pattern WORKER_MS = Pattern.compile("(\\d+) results in (\\d+) ms");

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
            b.get("http://127.0.0.1:" + server.getAddress().getPort() + "/try/");
            WebDriverWait wait = new WebDriverWait(b, Duration.ofSeconds(120), Duration.ofMillis(2));
            wait.until(d -> "status.ready".equals(state(b)));
            List<Long> wall = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                b.executeScript("const m = document.querySelector('[data-try-page]'); m.dataset.tryState = 'waiting';"
                        + "document.getElementById('bpa-try-file').value = '';");
                long t0 = System.nanoTime();
                b.findElement(By.id("bpa-try-file")).sendKeys(inventory.toString());
                wait.until(d -> "status.done".equals(state(b)) || "status.unreadable".equals(state(b)));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                String status = b.findElement(By.cssSelector("[data-try-status]")).getText();
                Matcher m = WORKER_MS.matcher(status);
                if (!"status.done".equals(state(b)) || !m.find()) {
                    throw new IllegalStateException("the page did not validate " + inventory + ": " + status);
                }
                wall.add(ms);
                System.out.printf("%s run %d: %d ms on the page (file chosen → results shown); worker %s ms,"
                        + " %s results%n", i == 0 ? "first" : "warm ", i + 1, ms, m.group(2), m.group(1));
            }
            List<Long> warm = wall.subList(1, wall.size()).stream().sorted().toList();
            long median = warm.isEmpty() ? wall.get(0) : warm.get(warm.size() / 2);
            System.out.printf("Chromium /try/: first %d ms, warm median %d ms (target: under 1500 ms)%n", wall.get(0),
                    median);
            long cli = cli(inventory);
            System.out.printf("peer, bpacat validate (whole command, JVM start included): %d ms; page/CLI: %.2f (first),"
                    + " %.2f (warm median)%n", cli, wall.get(0) / (double) cli, median / (double) cli);
        } finally {
            b.quit();
            server.stop(0);
        }
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
