package io.bpacat.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bpacat.render.SiteFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Serves a built site on localhost and records the path of every request it gets, so a test can tell whether a
 * page (or its workers) asked for anything after it loaded.
 */
final class RecordingServer implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
            "text/javascript; charset=utf-8", "json", "application/json", "css", "text/css", "svg", "image/svg+xml",
            "xml", "application/xml", "txt", "text/plain; charset=utf-8");
    private final HttpServer server;
    private final List<String> requests = new ArrayList<>();

    RecordingServer(SiteFiles site) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> serve(site, exchange));
        server.start();
    }

    private void serve(SiteFiles site, HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(1);
        synchronized (requests) {
            requests.add(path);
        }
        String file = path.isEmpty() || path.endsWith("/") ? path + "index.html" : path;
        byte[] body = site.contains(file) ? site.get(file) : "not found".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String ext = file.substring(file.lastIndexOf('.') + 1);
        exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(site.contains(file) ? 200 : 404, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Every path requested so far, in order. */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
