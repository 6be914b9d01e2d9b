package io.bpacat.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.catalog.Catalog;
import io.bpacat.catalog.CatalogBuilder;
import io.bpacat.diag.Diagnostics;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RuleLabelsTest {
    private static final Path CONTENT = Path.of("content");

    @Test
    void labelsAreTheCatalogsAndComeBackFromTheirJson() {
        List<Checker> checkers = new CheckerLoader().loadAll(CONTENT, new Diagnostics());
        Catalog catalog = new CatalogBuilder().build(CONTENT).catalog();
        RuleLabels labels = RuleLabels.of(checkers, catalog);
        assertTrue(checkers.size() > 50, "content/ has its checkers: " + checkers.size());
        for (Checker c : checkers) {
            String id = CheckerBundle.ruleId(c, catalog);
            assertEquals(id, labels.id(c), c.file());
            assertEquals(CheckerBundle.label(c, id, catalog), labels.label(c), c.file());
        }
        assertTrue(labels.covers(checkers));
        String json = labels.toJson();
        assertEquals(Optional.of(labels), RuleLabels.fromJson(json));
        assertEquals(json, RuleLabels.fromJson(json).orElseThrow().toJson(), "the same table, the same text");
    }

    @Test
    void aRuleWithoutSeverityOrCategoryKeepsThemMissing() {
        var label = new CheckerBundle.RuleLabel(null, new TreeMap<>(), null, null);
        RuleLabels labels = new RuleLabels(new TreeMap<>(java.util.Map.of("checkers/x.yaml",
                new RuleLabels.Entry("5b0c7d3e.sub", label))));
        assertEquals(Optional.of(labels), RuleLabels.fromJson(labels.toJson()));
    }

    @Test
    void textThatIsNoTableGivesNone() {
        String good = "{\"checkers/x.yaml\":{\"id\":\"a\",\"title\":\"T\",\"titles\":{\"en-us\":\"T\"},"
                + "\"severity\":\"warning\",\"category\":\"\"}}";
        assertTrue(RuleLabels.fromJson(good).isPresent(), "the well-formed table reads");
        for (String bad : new String[] {"", "[]", "{\"checkers/x.yaml\":1}", good.substring(0, good.length() - 3),
                good.replace("\"id\":\"a\"", "\"id\":7"), good.replace("\"en-us\":\"T\"", "\"en-us\":[]"),
                good.replace("\"titles\":{\"en-us\":\"T\"},", ""), good.replace("\"severity\":\"warning\"",
                "\"severity\":{}")}) {
            assertEquals(Optional.empty(), RuleLabels.fromJson(bad), bad);
        }
    }

    @Test
    void aCheckerWithoutAnEntryIsNotCovered() {
        List<Checker> checkers = new CheckerLoader().loadAll(CONTENT, new Diagnostics());
        RuleLabels some = RuleLabels.of(checkers.subList(0, 3), new CatalogBuilder().build(CONTENT).catalog());
        assertTrue(some.covers(checkers.subList(0, 3)));
        assertFalse(some.covers(checkers));
        assertThrows(IllegalArgumentException.class, () -> some.id(checkers.get(3)));
    }
}
