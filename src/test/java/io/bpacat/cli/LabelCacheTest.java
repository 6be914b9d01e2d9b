package io.bpacat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.check.CheckerBundle;
import io.bpacat.check.RuleLabels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelCacheTest {
    @TempDir
    Path tmp;

    private static final RuleLabels LABELS = new RuleLabels(new TreeMap<>(Map.of("checkers/a.yaml",
            new RuleLabels.Entry("a", new CheckerBundle.RuleLabel("A", new TreeMap<>(Map.of("en-us", "A")),
                    "warning", "configuration")))));

    private LabelCache cache() {
        return LabelCache.in(tmp.resolve("cache")).orElseThrow();
    }

    private Path content() throws Exception {
        Path c = tmp.resolve("content");
        Files.createDirectories(c.resolve("en-us"));
        Files.createDirectories(c.resolve("checkers"));
        Files.writeString(c.resolve("en-us/a.md"), "---\ntitle: A\n---\nbody\n");
        Files.writeString(c.resolve("checkers/a.yaml"), "scope: VM\n");
        return c;
    }

    @Test
    void theKeyChangesWithEveryFileOfTheFolderButNotWithHiddenOnes() throws Exception {
        Path c = content();
        LabelCache cache = cache();
        String key = cache.key(c);
        assertEquals(key, cache.key(c), "the same folder, the same key");
        Files.createDirectories(c.resolve(".git"));
        Files.writeString(c.resolve(".git/HEAD"), "ref");
        assertEquals(key, cache.key(c), "hidden folders are not content");
        Files.writeString(c.resolve("en-us/a.md"), "---\ntitle: B\n---\nbody\n");
        String edited = cache.key(c);
        assertNotEquals(key, edited, "an edited page");
        Files.writeString(c.resolve("checkers/b.yaml"), "scope: VM\n");
        String added = cache.key(c);
        assertNotEquals(edited, added, "an added checker");
        Files.move(c.resolve("checkers/b.yaml"), c.resolve("checkers/c.yaml"));
        assertNotEquals(added, cache.key(c), "a renamed file");
        Files.delete(c.resolve("checkers/c.yaml"));
        assertEquals(edited, cache.key(c), "back as it was");
    }

    @Test
    void labelsComeBackForTheirFolderAndKeyOnly() throws Exception {
        Path c = content();
        LabelCache cache = cache();
        String key = cache.key(c);
        assertEquals(Optional.empty(), cache.read(c, key), "nothing kept yet");
        cache.write(c, key, LABELS);
        assertEquals(Optional.of(LABELS), cache.read(c, key));
        assertEquals(Optional.empty(), cache.read(c, key.replace(key.charAt(0), key.charAt(0) == 'a' ? 'b' : 'a')));
        assertEquals(Optional.empty(), cache.read(tmp, key), "another content folder");
        try (var files = Files.list(tmp.resolve("cache"))) {
            assertEquals(1, files.count(), "one file, no temporary left behind");
        }
    }

    @Test
    void theCacheFolderFollowsTheEnvironmentAndIsNoneWithoutAHome() {
        String home = tmp.toAbsolutePath().toString();
        assertEquals(Optional.of(Path.of("/x/y")), LabelCache.defaultDir("/x/y", "/xdg", home), "BPACAT_CACHE_DIR first");
        assertEquals(Optional.of(Path.of("/xdg", "bpacat")), LabelCache.defaultDir(null, "/xdg", home));
        assertEquals(Optional.of(tmp.toAbsolutePath().resolve(".cache/bpacat")),
                LabelCache.defaultDir("", "relative/xdg", home), "a relative XDG_CACHE_HOME is ignored");
        assertEquals(Optional.empty(), LabelCache.defaultDir(null, null, "?"), "no home: nothing kept");
        assertEquals(Optional.empty(), LabelCache.defaultDir(null, "", tmp.resolve("missing").toString()));
        assertEquals(Optional.empty(), LabelCache.defaultDir(null, null, null));
    }

    @Test
    void aDamagedOrUnwritableCacheIsPassedOver() throws Exception {
        Path c = content();
        LabelCache cache = cache();
        String key = cache.key(c);
        cache.write(c, key, LABELS);
        Path file = cache.fileOf(c);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.substring(0, text.length() / 2));
        assertEquals(Optional.empty(), cache.read(c, key), "cut short");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertEquals(Optional.empty(), cache.read(c, key), "not text");
        Files.delete(file);
        Files.createDirectories(file);
        assertEquals(Optional.empty(), cache.read(c, key), "a folder in its place");
        cache.write(c, key, LABELS); // replaced if empty, else passed over: never a failure
        Path blocked = tmp.resolve("blocked");
        Files.writeString(blocked, "a file where the cache folder should be");
        LabelCache nowhere = LabelCache.in(blocked).orElseThrow();
        nowhere.write(c, key, LABELS);
        assertEquals(Optional.empty(), nowhere.read(c, key));
        assertTrue(Files.isRegularFile(blocked));
    }
}
