package io.bpacat.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing a site's files into a folder, deleting a folder tree, and replacing an output folder as a whole. */
class OutputFolderTest {

    private static SiteFiles site() {
        SiteFiles files = new SiteFiles();
        files.put("index.html", "home");
        files.put("robots.txt", "robots");
        for (int i = 0; i < 300; i++) {
            files.put("en-us/rules/r" + i + "/index.html", "rule " + i);
            files.put("rules/r" + i + "/index.html", "picker " + i);
        }
        files.put("en-us/index.html", "english home");
        files.put("a/b/c/d/e.json", "deep");
        files.put("a/b/f.json", "less deep");
        return files;
    }

    @Test
    void everyFileIsWrittenAtEveryDepthAndReadsBackTheSame(@TempDir Path tmp) throws IOException {
        SiteFiles files = site();
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        files.writeTo(out);
        SiteBuilderTest.assertSameFiles(files, SiteFiles.read(out));
    }

    @Test
    void aTreeIsDeletedWholeWithoutFollowingLinksOutOfIt(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        site().writeTo(out);
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "keep");
        Files.createSymbolicLink(out.resolve("en-us/link"), outside);
        Files.createSymbolicLink(out.resolve("a/b/c/link"), outside);
        Files.createSymbolicLink(out.resolve("top-link"), outside);
        OutputFolder.delete(out);
        assertFalse(Files.exists(out));
        assertEquals("keep", Files.readString(outside.resolve("keep.txt"), StandardCharsets.UTF_8));
        OutputFolder.delete(out); // missing is fine
        assertTrue(Files.isDirectory(outside));
    }

    @Test
    void replacingAnOutputFolderLeavesOnlyTheNewSite(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        OutputFolder.replace(out, site()::writeTo);
        SiteFiles next = new SiteFiles();
        next.put("index.html", "new home");
        OutputFolder.replace(out, next::writeTo);
        assertEquals(next.paths(), SiteFiles.read(out).paths());
        try (var siblings = Files.list(tmp)) {
            assertEquals(1, siblings.count(), "no fresh or old folder left beside it");
        }
    }
}
