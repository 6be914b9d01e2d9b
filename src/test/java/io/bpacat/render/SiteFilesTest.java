package io.bpacat.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The site's files in memory, with their bytes kept or (written as they are made) only told apart. */
class SiteFilesTest {
    @Test
    void filesNotKeptGoToTheSinkOnceAndStillRefuseASecondDifferentFile() {
        List<String> sunk = new ArrayList<>();
        SiteFiles files = new SiteFiles((path, bytes) -> sunk.add(path + "=" + new String(bytes, StandardCharsets.UTF_8)),
                false);
        files.put("a/index.html", "one");
        files.put("a/index.html", "one");
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> files.put("a/index.html", "two"));
        assertTrue(twice.getMessage().contains("a/index.html"), twice.getMessage());
        assertThrows(IllegalStateException.class, () -> files.put("a/index.html", "onf"), "same length, other bytes");
        assertEquals(List.of("a/index.html=one"), sunk);
        assertThrows(IllegalStateException.class, () -> files.get("a/index.html"));
        assertNull(files.get("missing"));
        assertTrue(files.contains("a/index.html"));
    }

    @Test
    void aReplacedFileIsKeptAndMarked() {
        SiteFiles files = new SiteFiles((path, bytes) -> { }, false);
        files.put("catalog.json", "{}");
        files.replace("catalog.json", "{\"rules\":[]}");
        assertArrayEquals("{\"rules\":[]}".getBytes(StandardCharsets.UTF_8), files.get("catalog.json"));
        assertTrue(files.replaced("catalog.json"));
    }

    @Test
    void filesJoinedFromAnotherSetAreComparedAsHeldThere() {
        SiteFiles pages = new SiteFiles((path, bytes) -> { }, false);
        SiteFiles search = new SiteFiles((path, bytes) -> { }, false);
        SiteFiles kept = new SiteFiles();
        pages.put("index.html", "home");
        search.put("search/en.json", "[]");
        kept.put("search/en.json", "[1]");
        pages.putAll(search);
        pages.putAll(search);
        assertEquals(List.of("index.html", "search/en.json"), List.copyOf(pages.paths()));
        assertThrows(IllegalStateException.class, () -> pages.putAll(kept), "kept bytes against a checksum");
        SiteFiles same = new SiteFiles();
        same.put("search/en.json", "[]");
        pages.putAll(same);
    }
}
