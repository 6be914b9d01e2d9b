package io.bpacat.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.bpacat.render.SiteFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve's rebuilds: only the changed files are written, each replaced whole, never written through a second name. */
class OutputSyncTest {
    @Test
    void aChangedFileIsReplacedNotWrittenThroughAnotherNameOfIt(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        Path kept = Files.createDirectories(tmp.resolve("kept"));
        SiteFiles before = new SiteFiles();
        before.put("index.html", "home");
        before.put("en-us/rules/r1/index.html", "rule");
        before.put("gone.html", "gone");
        before.writeTo(Files.createDirectories(out));
        Files.createLink(kept.resolve("index.html"), out.resolve("index.html")); // as the kept output holds it
        SiteFiles after = new SiteFiles();
        after.put("index.html", "new home");
        after.put("en-us/rules/r1/index.html", "rule");
        after.put("en-us/rules/r2/index.html", "new rule");
        assertEquals(3, OutputSync.apply(out, before, after), "the home, the new rule, the page gone");
        assertEquals("new home", Files.readString(out.resolve("index.html")));
        assertEquals("home", Files.readString(kept.resolve("index.html")), "the other name keeps the old file");
        assertEquals("new rule", Files.readString(out.resolve("en-us/rules/r2/index.html")));
        assertFalse(Files.exists(out.resolve("gone.html")));
        try (var left = Files.list(out)) {
            assertEquals(List.of("en-us", "index.html"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file left");
        }
    }
}
