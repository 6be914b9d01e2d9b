package io.bpacat.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.TestPaths;
import io.bpacat.catalog.Catalog;
import io.bpacat.catalog.CatalogBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `bpacat search` (the Lucene side) on the judged query set. */
class SearchRecallTest {
    private static Catalog catalog;
    private static SearchIndex index;

    @BeforeAll
    static void build() {
        catalog = new CatalogBuilder().build(TestPaths.corpus()).catalog();
        index = SearchIndex.build(catalog);
    }

    @AfterAll
    static void close() {
        if (index != null) {
            index.close();
        }
    }

    @Test
    void recallAtFiveIsAtLeast95Percent() {
        List<JudgedQueries.Judged> judged = JudgedQueries.load(catalog);
        assertTrue(judged.size() >= 60, judged.size() + " judged queries");
        Searcher searcher = new Searcher(index);
        double sum = 0;
        List<String> misses = new ArrayList<>();
        for (JudgedQueries.Judged j : judged) {
            List<String> ranked = searcher.search(j.query(), 10).stream().map(Searcher.Hit::ruleId).toList();
            double r = JudgedQueries.recallAt5(j, ranked);
            sum += r;
            if (r < 1) {
                misses.add(j.query().text() + " " + j.query().locales() + " → " + ranked.stream().limit(5)
                        .map(id -> id.substring(0, Math.min(8, id.length()))).toList() + " expected " + j.expected());
            }
        }
        double recall = sum / judged.size();
        System.out.printf("search recall@5 (Lucene): %.3f over %d queries; misses: %s%n", recall, judged.size(), misses);
        assertTrue(recall >= 0.95, "recall@5 " + recall + "; misses: " + misses);
    }

    @Test
    void inflectedFormsFindTheirBaseForms() {
        Searcher searcher = new Searcher(index);
        assertTopTitleContains(searcher, "replicazione", "it-IT", "replica");
        assertTopTitleContains(searcher, "Arbeitsspeichers", "de-DE", "Arbeitsspeicher");
        assertTopTitleContains(searcher, "réplications", "fr-FR", "réplication");
        assertTopTitleContains(searcher, "checkpoint", "en-US", "checkpoints");
    }

    private static void assertTopTitleContains(Searcher searcher, String query, String locale, String word) {
        List<Searcher.Hit> hits = searcher.search(new SearchQuery(query + " ", java.util.Set.of(), java.util.Set.of(),
                java.util.Set.of(), java.util.Set.of(locale)), 3);
        assertTrue(!hits.isEmpty() && hits.get(0).document().title().toLowerCase(java.util.Locale.ROOT)
                        .contains(word.toLowerCase(java.util.Locale.ROOT)),
                query + " → " + hits.stream().map(h -> h.document().title()).toList());
    }

    @Test
    void assetIdGoesStraightToItsRule() {
        Searcher searcher = new Searcher(index);
        List<Searcher.Hit> hits = searcher.search(SearchQuery.of("930F927C"), 10);
        assertEquals(1, hits.size());
        assertEquals("930f927c-e414-4a36-9786-028941e886e4", hits.get(0).ruleId());
    }
}
