package io.bpacat.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bpacat.render.SiteFiles;
import io.bpacat.render.SiteRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a generated site from memory on the loopback interface, with the same Content-Security-Policy as the
 * pages. With live reload on, every HTML page gets one extra script that listens for {@link #reload()} through
 * server-sent events; the files themselves are served as built.
 */
public final class DevServer implements AutoCloseable {
    static final String EVENTS = "/__bpacat/events";
    static final String CLIENT = "/__bpacat/livereload.js";
    private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"),
            Map.entry("wasm", "application/wasm"));

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bpacat-serve");
        t.setDaemon(true);
        return t;
    });
    private final boolean liveReload;
    private final List<HttpExchange> listeners = new CopyOnWriteArrayList<>();
    private final byte[] client;
    private volatile SiteFiles site;

    /** @param port the port, or 0 for any free one */
    public DevServer(SiteFiles site, int port, boolean liveReload) throws IOException {
        this.site = site;
        this.liveReload = liveReload;
        try (InputStream in = DevServer.class.getResourceAsStream("livereload.js")) {
            this.client = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI uri() {
        return URI.create("http://localhost:" + port() + "/");
    }

    /** Serves a new build from now on and tells the open pages to reload. */
    public void update(SiteFiles next) {
        replace(next);
        reload();
    }

    /** Serves a new build from now on, with no reload: what the open pages show is in it unchanged. */
    public void replace(SiteFiles next) {
        this.site = next;
    }

    /** Tells every open page to reload. */
    public void reload() {
        byte[] event = "event: reload\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8);
        for (HttpExchange x : listeners) {
            try {
                x.getResponseBody().write(event);
                x.getResponseBody().flush();
            } catch (IOException e) {
                listeners.remove(x);
                x.close();
            }
        }
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            if (liveReload && path.equals(EVENTS)) {
                events(x);
                return;
            }
            if (liveReload && path.equals(CLIENT)) {
                send(x, 200, "js", client);
                return;
            }
            serveFile(x, path);
        } catch (IOException | UncheckedIOException e) {
            // the browser went away: nothing to answer
        }
    }

    private void serveFile(HttpExchange x, String rawPath) throws IOException {
        SiteFiles files = site;
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (path.contains("..")) {
            send(x, 400, "txt", "bad path\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String file = path.isEmpty() || path.endsWith("/") ? path + "index.html" : path;
        if (!files.contains(file) && files.contains(path + "/index.html")) {
            x.getResponseHeaders().set("Location", rawPath + "/");
            send(x, 301, "txt", new byte[0]);
            return;
        }
        byte[] body = files.get(file);
        int status = 200;
        if (body == null) {
            status = 404;
            file = "404.html";
            body = files.contains(file) ? files.get(file) : "not found\n".getBytes(StandardCharsets.UTF_8);
        }
        String ext = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        send(x, status, ext, ext.equals("html") && liveReload ? inject(body) : body);
    }

    private static byte[] inject(byte[] html) {
        String s = new String(html, StandardCharsets.UTF_8);
        int at = s.lastIndexOf("</body>");
        String tag = "<script type=\"module\" src=\"" + CLIENT + "\"></script>";
        return (at < 0 ? s + tag : s.substring(0, at) + tag + s.substring(at)).getBytes(StandardCharsets.UTF_8);
    }

    private void events(HttpExchange x) throws IOException {
        x.getResponseHeaders().set("Content-Type", "text/event-stream");
        x.getResponseHeaders().set("Cache-Control", "no-cache");
        x.sendResponseHeaders(200, 0);
        x.getResponseBody().write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
        x.getResponseBody().flush();
        listeners.add(x);
        try {
            while (listeners.contains(x)) {
                Thread.sleep(15_000);
                x.getResponseBody().write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
                x.getResponseBody().flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            listeners.remove(x);
        }
    }

    private static void send(HttpExchange x, int status, String ext, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
        x.getResponseHeaders().set("Content-Security-Policy", SiteRenderer.CSP);
        x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        x.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        x.getResponseHeaders().set("Cache-Control", "no-cache");
        boolean head = x.getRequestMethod().equalsIgnoreCase("HEAD");
        x.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        listeners.forEach(HttpExchange::close);
        listeners.clear();
        server.stop(0);
        pool.shutdownNow();
    }
}
