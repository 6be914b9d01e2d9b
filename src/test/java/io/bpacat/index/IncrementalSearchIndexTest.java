package io.bpacat.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.bpacat.catalog.Catalog;
import io.bpacat.catalog.CatalogBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve's search index: only the locales whose documents changed are indexed again; the export is a full build's. */
class IncrementalSearchIndexTest {
    private static final Path SMALL = Path.of("src/test/resources/site/small");

    @Test
    void onlyTheEditedLocaleIsIndexedAgainAndTheExportIsAFullBuilds(@TempDir Path tmp) throws IOException {
        Path content = tmp.resolve("content");
        Files.createDirectories(content);
        for (String locale : List.of("en-us", "it-it")) {
            Files.createDirectories(content.resolve(locale));
            try (var files = Files.list(SMALL.resolve(locale))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, content.resolve(locale).resolve(f.getFileName()));
                }
            }
        }
        try (IncrementalSearchIndex incremental = new IncrementalSearchIndex()) {
            SearchIndex first = incremental.build(catalog(content));
            assertEquals(List.of("en-US", "it-IT"), incremental.lastIndexed());
            assertSameExport(content, incremental.build(catalog(content)));
            assertEquals(List.of(), incremental.lastIndexed(), "nothing changed");

            Path page = content.resolve("it-it/Keep-the-host-patched.md");
            Files.writeString(page, Files.readString(page).replace("I difetti noti restano.", "Restano i difetti."));
            SearchIndex second = incremental.build(catalog(content));
            assertEquals(List.of("it-IT"), incremental.lastIndexed());
            assertSame(first.locales().get("en-US"), second.locales().get("en-US"));
            assertNotSame(first.locales().get("it-IT"), second.locales().get("it-IT"));
            assertSameExport(content, second);

            Files.delete(page);
            assertSameExport(content, incremental.build(catalog(content)));
            assertEquals(List.of("it-IT"), incremental.lastIndexed());
        }
    }

    private static Catalog catalog(Path content) {
        return new CatalogBuilder().build(content).catalog();
    }

    private static void assertSameExport(Path content, SearchIndex incremental) {
        Map<String, byte[]> expected = new TreeMap<>();
        try (SearchIndex full = SearchIndex.build(catalog(content))) {
            SearchExport.write(full, expected::put);
        }
        Map<String, byte[]> actual = new TreeMap<>();
        SearchExport.write(incremental, actual::put);
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((path, bytes) -> assertArrayEquals(bytes, actual.get(path), path));
    }
}
