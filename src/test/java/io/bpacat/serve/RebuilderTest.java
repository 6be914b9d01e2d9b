package io.bpacat.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.render.SiteBuilder;
import io.bpacat.render.SiteBuilderTest;
import io.bpacat.render.SiteFiles;
import io.bpacat.render.TemplateSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One rebuild of serve: the pages reload first, then the search index and the output folder follow. */
class RebuilderTest {
    private static final String PAGE = "en-us/rules/11111111-2222-4333-8444-555555555555/";

    @Test
    void aListeningPageReloadsIntoTheNewPageAndTheNewSearchIndexFollows(@TempDir Path tmp) throws Exception {
        Path content = tmp.resolve("content");
        SiteBuilderTest.copyTree(Path.of("src/test/resources/site/small"), content);
        Path out = tmp.resolve("out");
        SiteBuilder builder = new SiteBuilder("en-US", TemplateSource.builtIn(), Optional.empty(), true);
        SiteBuilder.Result first = builder.build(content);
        SiteBuilder.write(first, out);
        try (DevServer server = new DevServer(first.files(), 0, true)) {
            // a page listening for reloads fetches itself again as soon as it hears one
            CountDownLatch connected = new CountDownLatch(1);
            CompletableFuture<String> reloaded = CompletableFuture.supplyAsync(() -> {
                try (InputStream events = open(server.uri().resolve(DevServer.EVENTS));
                     BufferedReader lines = new BufferedReader(new InputStreamReader(events, StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.startsWith(": connected")) {
                            connected.countDown();
                        } else if (line.startsWith("event: reload")) {
                            return get(server.uri().resolve(PAGE));
                        }
                    }
                    return "no reload";
                } catch (IOException e) {
                    return e.toString();
                }
            });
            assertTrue(connected.await(10, TimeUnit.SECONDS), "the page listens");
            Thread.sleep(200); // the server counts it among its listeners just after greeting it
            Path page = content.resolve("en-us/Keep-the-host-patched.md");
            Files.writeString(page, Files.readString(page).replace("Known defects stay unfixed.", "Known defects remain."));
            Rebuilder rebuilder = new Rebuilder(() -> null, builder, content, out, server, first.files(), null);
            Rebuilder.Report report = rebuilder.rebuild(List.of(page));

            assertTrue(reloaded.get(10, TimeUnit.SECONDS).contains("Known defects remain."), "the page reloaded is new");
            assertTrue(report.millis() <= report.searchMillis(), report.line());
            SiteFiles built = report.result().files();
            List<String> changedSearch = built.paths().stream()
                    .filter(p -> p.startsWith("search/") && !Arrays.equals(built.get(p), first.files().get(p))).toList();
            assertTrue(!changedSearch.isEmpty(), "the edit changed the search index");
            for (String p : changedSearch) {
                assertArrayEquals(built.get(p), bytes(server.uri().resolve(p)), p + " served once the rebuild is done");
            }
            SiteBuilderTest.assertSameFiles(built, SiteFiles.read(out));
        }
    }

    private static InputStream open(URI uri) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setReadTimeout(10_000);
        return c.getInputStream();
    }

    private static byte[] bytes(URI uri) throws IOException {
        try (InputStream in = open(uri)) {
            return in.readAllBytes();
        }
    }

    private static String get(URI uri) throws IOException {
        return new String(bytes(uri), StandardCharsets.UTF_8);
    }
}
