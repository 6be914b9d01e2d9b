package io.bpacat.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.check.Checker;
import io.bpacat.check.CheckerLoader;
import io.bpacat.diag.Diagnostics;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * validate hands the catalog the link keys of the checkers it loaded, so their files are not parsed a second time:
 * the catalog must link every rule as it does when it reads the files itself, and use the keys it is given.
 */
class CheckerLinkerTest {
    private static final Path CONTENT = Path.of("content");

    @Test
    void theLoadedCheckersKeysLinkAsTheFilesDo() {
        List<Checker> checkers = new CheckerLoader().loadAll(CONTENT, new Diagnostics());
        assertTrue(checkers.size() > 90, "checkers: " + checkers.size());
        Map<String, CheckerLinker.Keys> keys = new HashMap<>();
        checkers.forEach(c -> keys.put(c.file(), new CheckerLinker.Keys(c.rule(), c.page())));
        Catalog read = new CatalogBuilder().build(CONTENT).catalog();
        Catalog given = new CatalogBuilder().build(CONTENT, keys).catalog();
        assertEquals(links(read), links(given));
        assertEquals(read.diagnostics(), given.diagnostics());
    }

    @Test
    void givenKeysAreUsedInsteadOfTheFile() {
        Catalog read = new CatalogBuilder().build(CONTENT).catalog();
        String rule = read.rules().stream().filter(r -> "checkers/domain-membership.yaml".equals(r.checker()))
                .map(Rule::id).findFirst().orElseThrow();
        Catalog given = new CatalogBuilder().build(CONTENT,
                Map.of("checkers/domain-membership.yaml", new CheckerLinker.Keys(null, "no-such-page.md"))).catalog();
        assertNull(given.rule(rule).orElseThrow().checker());
        assertNotNull(read.rule(rule).orElseThrow().checker());
    }

    private static Map<String, String> links(Catalog c) {
        Map<String, String> m = new HashMap<>();
        c.rules().forEach(r -> m.put(r.id(), r.checker()));
        return m;
    }
}
