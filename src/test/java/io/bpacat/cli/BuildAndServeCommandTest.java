package io.bpacat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildAndServeCommandTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void buildWritesTheSiteAndSaysSo(@TempDir Path tmp) {
        Run r = run("build", "--content", "src/test/resources/site/small", "--out", tmp.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        // 36 pages and assets, 2 search pages, 77 search index files (term shards shared by the locales), 2 try pages
        // and their 5 files, the try worker
        long files;
        try (var walk = Files.walk(tmp.resolve("out"))) {
            files = walk.filter(Files::isRegularFile).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(files >= 123, "files written: " + files);
        assertTrue(r.out().startsWith("wrote " + files + " files to "), r.out());
        assertTrue(r.err().contains("6 files, 4 rules, 2 other pages, 2 locales [en-US, it-IT]: 0 errors, 0 warnings"),
                r.err());
        assertTrue(Files.exists(tmp.resolve("out/it-it/rules/11111111-2222-4333-8444-555555555555/index.html")));
    }

    @Test
    void theReplacedOutputIsKeptBesideUnlessTheBuildIsToldNotTo(@TempDir Path tmp) throws java.io.IOException {
        String out = tmp.resolve("out").toString();
        for (int i = 0; i < 2; i++) {
            assertEquals(0, run("build", "--content", "src/test/resources/site/small", "--out", out).code());
        }
        assertTrue(Files.isDirectory(tmp.resolve(".out.bpacat-previous")), "kept for the next build");
        Run r = run("build", "--content", "src/test/resources/site/small", "--out", out, "--no-keep-previous");
        assertEquals(0, r.code(), r.err());
        try (var left = Files.list(tmp)) {
            assertEquals(java.util.List.of(tmp.resolve("out")), left.toList(), "the kept output deleted too");
        }
        assertTrue(Files.exists(tmp.resolve("out/it-it/rules/11111111-2222-4333-8444-555555555555/index.html")));
    }

    @Test
    void brokenLinksArePrintedLikeACompilerWithTheSourceLine(@TempDir Path tmp) {
        Run r = run("build", "--content", "src/test/resources/site/broken-links", "--out", tmp.toString());
        assertEquals(0, r.code(), "broken links are warnings");
        assertTrue(r.err().contains("src/test/resources/site/broken-links/en-us/Page-with-broken-links.md:17: "
                + "warning[BPA060]: broken link #no-such-anchor"), r.err());
        assertTrue(r.err().contains("This links to [a missing anchor](#no-such-anchor)."), "the source line: " + r.err());
    }

    @Test
    void aMissingTemplatesFolderIsAUsageError(@TempDir Path tmp) {
        Run r = run("build", "--content", "src/test/resources/site/small", "--out", tmp.toString(),
                "--templates", tmp.resolve("nope").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("templates folder") && r.err().contains("not found"), r.err());
    }

    @Test
    void serveHelpNamesThePortOption() {
        Run r = run("serve", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--port=N"), r.out());
    }
}
