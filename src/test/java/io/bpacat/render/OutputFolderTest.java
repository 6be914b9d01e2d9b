package io.bpacat.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
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
        assertKeptBeside(tmp, out, "no fresh folder left beside it; the replaced output kept for the next build");
        SiteBuilderTest.assertSameFiles(site(), SiteFiles.read(OutputFolder.kept(out)));
    }

    @Test
    void aRebuildKeepsTheUnchangedFilesAsTheyWereAndWritesTheChangedOnes(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        OutputFolder.replace(out, site()::writeTo);
        Object home = fileKey(out.resolve("index.html"));
        Object rule = fileKey(out.resolve("en-us/rules/r7/index.html"));
        SiteFiles next = site();
        next.replace("index.html", "new home");
        OutputFolder.replace(out, next::writeTo);
        SiteBuilderTest.assertSameFiles(next, SiteFiles.read(out));
        assertEquals(rule, fileKey(out.resolve("en-us/rules/r7/index.html")), "the same file, not a copy");
        assertNotEquals(home, fileKey(out.resolve("index.html")), "a changed file is a new file");
        assertEquals(2, Files.getAttribute(out.resolve("en-us/rules/r7/index.html"), "unix:nlink"),
                "a second name in the replaced output, kept beside");
        assertKeptBeside(tmp, out, "no fresh folder left beside it");
    }

    @Test
    void aBuildWritesIntoTheKeptOutputKeepingWhatIsStillWantedAndDeletingTheRest(@TempDir Path tmp)
            throws IOException {
        Path out = tmp.resolve("out");
        OutputFolder.replace(out, site()::writeTo);
        SiteFiles second = site();
        second.replace("index.html", "second home");
        second.put("new/folder/index.html", "new");
        OutputFolder.replace(out, second::writeTo);
        Path kept = OutputFolder.kept(out);
        Object keptRule = fileKey(kept.resolve("en-us/rules/r7/index.html"));
        Object keptFolder = fileKey(kept.resolve("en-us/rules/r8"));
        Files.createSymbolicLink(kept.resolve("en-us/rules/r9/escape"), tmp); // never followed, deleted
        SiteFiles third = new SiteFiles();
        second.paths().stream().filter(p -> !p.startsWith("a/") && !p.equals("robots.txt"))
                .forEach(p -> third.put(p, second.get(p)));
        third.replace("en-us/index.html", "changed english home");
        third.put("a/b", "a file where a folder was");
        third.put("robots.txt/x.html", "a folder where a file was");
        OutputFolder.replace(out, third::writeTo);
        SiteBuilderTest.assertSameFiles(third, SiteFiles.read(out));
        assertEquals(keptRule, fileKey(out.resolve("en-us/rules/r7/index.html")), "the same file throughout");
        assertEquals(keptFolder, fileKey(out.resolve("en-us/rules/r8")), "the kept folder, not a new one");
        assertFalse(Files.exists(out.resolve("en-us/rules/r9/escape"), LinkOption.NOFOLLOW_LINKS));
        SiteBuilderTest.assertSameFiles(second, SiteFiles.read(kept));
        assertEquals("second home", Files.readString(kept.resolve("index.html")), "not written through");
        assertKeptBeside(tmp, out, "only the output and the kept one");
    }

    @Test
    void aFailedBuildIntoTheKeptOutputLeavesTheOutputAsItWas(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        OutputFolder.replace(out, site()::writeTo);
        OutputFolder.replace(out, site()::writeTo);
        assertTrue(Files.isDirectory(OutputFolder.kept(out)));
        SiteFiles other = new SiteFiles();
        other.put("index.html", "other home");
        assertThrows(UncheckedIOException.class, () -> OutputFolder.replace(out, (folder, previous) -> {
            other.writeTo(folder, previous);
            throw new IOException("the disk is full");
        }));
        SiteBuilderTest.assertSameFiles(site(), SiteFiles.read(out));
        assertAloneIn(tmp, out, "the folder the build wrote into is gone");
        OutputFolder.replace(out, other::writeTo);
        SiteBuilderTest.assertSameFiles(other, SiteFiles.read(out));
    }

    @Test
    void aFailedRebuildLeavesThePreviousFilesAsTheyWere(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        OutputFolder.replace(out, site()::writeTo);
        assertThrows(UncheckedIOException.class, () -> OutputFolder.replace(out, (folder, previous) -> {
            site().writeTo(folder, previous);
            throw new IOException("the disk is full");
        }));
        SiteBuilderTest.assertSameFiles(site(), SiteFiles.read(out));
        assertEquals(1, Files.getAttribute(out.resolve("en-us/rules/r7/index.html"), "unix:nlink"));
        assertAloneIn(tmp, out, "the fresh folder is gone");
    }

    @Test
    void onlyARegularFileWithTheSameBytesIsKept(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        OutputFolder.replace(out, site()::writeTo);
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere.txt"), "robots");
        Files.delete(out.resolve("robots.txt"));
        Files.createSymbolicLink(out.resolve("robots.txt"), elsewhere); // reads as the same bytes
        Files.delete(out.resolve("a/b/f.json"));
        Files.createDirectory(out.resolve("a/b/f.json"));
        OutputFolder.replace(out, site()::writeTo);
        SiteBuilderTest.assertSameFiles(site(), SiteFiles.read(out));
        assertTrue(Files.isRegularFile(out.resolve("robots.txt"), LinkOption.NOFOLLOW_LINKS), "not the link");
        assertNotEquals(fileKey(elsewhere), fileKey(out.resolve("robots.txt")));
        assertEquals("robots", Files.readString(elsewhere), "what the link pointed at is left alone");
    }

    private static void assertKeptBeside(Path folder, Path out, String why) throws IOException {
        try (var entries = Files.list(folder)) {
            assertEquals(List.of(OutputFolder.kept(out), out), entries.sorted().toList(), why);
        }
    }

    private static void assertAloneIn(Path folder, Path out, String why) throws IOException {
        try (var entries = Files.list(folder)) {
            assertEquals(List.of(out), entries.toList(), why);
        }
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    @Test
    void aFileReplacedAfterItWasKeptFromThePreviousOutputIsWrittenAnewNotThroughIt(@TempDir Path tmp)
            throws IOException {
        Path previous = Files.createDirectories(tmp.resolve("previous"));
        Files.writeString(previous.resolve("catalog.json"), "old");
        Path fresh = Files.createDirectories(tmp.resolve("fresh"));
        SiteFiles site = new SiteFiles();
        try (OutputWriter writer = new OutputWriter(fresh, previous)) {
            writer.offer("catalog.json", "old".getBytes(StandardCharsets.UTF_8)); // first made as before: kept
            writer.offer("en-us/index.html", "home".getBytes(StandardCharsets.UTF_8));
            site.put("en-us/index.html", "home");
            site.replace("catalog.json", "new"); // then replaced, as a build does once it knows every diagnostic
            writer.finish(site);
        }
        SiteBuilderTest.assertSameFiles(site, SiteFiles.read(fresh));
        assertEquals("old", Files.readString(previous.resolve("catalog.json")), "the previous output is untouched");
    }
}
