package io.bpacat.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bpacat.TestPaths;
import io.bpacat.catalog.Catalog;
import io.bpacat.catalog.CatalogBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser's search engine (site-templates/js/search/engine.js, run by node on the exported index) returns the
 * same top 10 as the Lucene searcher for every judged query and a set of typing prefixes. The same check runs in
 * Chromium in the site's browser tests.
 */
class SearchParityTest {
    @TempDir
    Path tmp;

    @Test
    void nodeEngineReturnsTheSameTopTenAsLucene() throws Exception {
        assumeTrue(nodeAvailable(), "node is not on the PATH: JS search parity not checked here");
        Catalog catalog = new CatalogBuilder().build(TestPaths.corpus()).catalog();
        List<SearchQuery> queries = judgedQueries(catalog);
        for (String typed : List.of("r", "re", "rep", "repl", "replica", "replicaz", "mem", "memo", "Arbeits",
                "hyper-v ", "virtual machine ", "serv", "config", "réplic", "instant", "Prüf", "disk space",
                "network adapter", "37e1dae7", "37e1dae7-586c-4dd7-bf83-7e14a9567c8f.disable", "constructor",
                "hasOwnProperty valueOf")) {
            queries.add(SearchQuery.of(typed));
        }
        List<List<String>> lucene = exportAndSearch(catalog, queries).stream()
                .map(hits -> hits.stream().map(h -> h.ruleId() + "@" + h.locale()).toList()).toList();
        List<List<String>> js = runNode(tmp.resolve("search"), queries);
        for (int i = 0; i < queries.size(); i++) {
            assertEquals(lucene.get(i), js.get(i), "top 10 of \"" + queries.get(i).text() + "\" " + queries.get(i));
        }
    }

    /** Exports the catalog's search index to {@code tmp} and gives Lucene's top 10 for each query, in order. */
    private List<List<Searcher.Hit>> exportAndSearch(Catalog catalog, List<SearchQuery> queries) throws IOException {
        List<List<Searcher.Hit>> top = new ArrayList<>();
        try (SearchIndex index = SearchIndex.build(catalog)) {
            SearchExport.write(index, tmp);
            Searcher searcher = new Searcher(index);
            queries.forEach(q -> top.add(searcher.search(q, 10)));
        }
        return top;
    }

    /** The judged queries' queries, in their order (a list the caller may add to). */
    private static List<SearchQuery> judgedQueries(Catalog catalog) {
        List<SearchQuery> queries = new ArrayList<>();
        JudgedQueries.load(catalog).forEach(j -> queries.add(j.query()));
        return queries;
    }

    /**
     * A query's first run makes one round of requests once meta.json is in (the shards of its terms with their long
     * postings and those of the last word's completions) when the rows of its result list came with those long
     * postings, else two: then the document files of the rows it lacks (a rule found in several languages taking one
     * place). Each query runs on a new engine, so nothing comes from an earlier one.
     */
    @Test
    void everyJudgedQueryLoadsItsFilesInOneRoundWhenItsRowsCameWithTheLongPostings() throws Exception {
        assumeTrue(nodeAvailable(), "node is not on the PATH: JS search requests not checked here");
        Catalog catalog = new CatalogBuilder().build(TestPaths.corpus()).catalog();
        List<SearchQuery> queries = judgedQueries(catalog);
        List<List<Searcher.Hit>> top = exportAndSearch(catalog, queries);
        JsonNode rounds = new ObjectMapper().readTree(node(tmp.resolve("search"), queries, "--rounds"));
        int oneRound = 0;
        int twoRounds = 0;
        for (int i = 0; i < queries.size(); i++) {
            JsonNode q = rounds.get(i);
            String what = "requests of \"" + queries.get(i).text() + "\": " + q;
            for (JsonNode path : q.get(0)) {
                assertTrue(path.asText().matches("(t|p|ids)/.*|facets\\.json"), what);
            }
            Set<String> rows = rowsIn(q.get(0));
            boolean present = top.get(i).stream().allMatch(h -> rows.contains(h.locale() + "@" + h.doc()));
            assertEquals(present ? 1 : 2, q.size(), what + (present ? ": its rows came with the long postings" : ""));
            if (q.size() == 2) {
                for (JsonNode path : q.get(1)) {
                    assertTrue(path.asText().matches("[a-z-]+/d/\\d+\\.json\\.gz"), what);
                }
            }
            oneRound += present ? 1 : 0;
            twoRounds += present ? 0 : 1;
        }
        assertTrue(oneRound > 0, "no judged query found its rows with the long postings");
        assertTrue(twoRounds > 0, "no judged query loaded document files");
    }

    /** locale@doc of the result rows in the shared long-postings files among the paths (p/, gzip: locale → [postings, rows]). */
    private Set<String> rowsIn(JsonNode paths) throws IOException {
        Set<String> rows = new TreeSet<>();
        for (JsonNode path : paths) {
            if (path.asText().startsWith("p/")) {
                JsonNode file;
                try (var in = new GZIPInputStream(Files.newInputStream(tmp.resolve("search").resolve(path.asText())))) {
                    file = new ObjectMapper().readTree(in);
                }
                file.fields().forEachRemaining(l -> l.getValue().get(1).forEach(r -> rows.add(l.getKey() + "@" + r.get(0).asInt())));
            }
        }
        return rows;
    }

    static boolean nodeAvailable() {
        try {
            return new ProcessBuilder("node", "--version").start().waitFor(20, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static List<List<String>> runNode(Path searchDir, List<SearchQuery> queries) throws Exception {
        JsonNode results = new ObjectMapper().readTree(node(searchDir, queries));
        List<List<String>> all = new ArrayList<>();
        for (JsonNode r : results) {
            List<String> ids = new ArrayList<>();
            r.forEach(h -> ids.add(h.get("id").asText() + "@" + h.get("locale").asText()));
            all.add(ids);
        }
        return all;
    }

    /** The output of search-cli.mjs on the queries. */
    private static String node(Path searchDir, List<SearchQuery> queries, String... options) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ArrayNode input = m.createArrayNode();
        for (SearchQuery q : queries) {
            ObjectNode n = input.addObject();
            n.put("text", q.text());
            ObjectNode f = n.putObject("filters");
            q.severities().forEach(s -> f.withArray("severity").add(s));
            q.categories().forEach(s -> f.withArray("category").add(s));
            q.locales().forEach(s -> f.withArray("locale").add(s));
        }
        Path in = Files.createTempFile("queries", ".json");
        Files.writeString(in, m.writeValueAsString(input));
        List<String> command = new ArrayList<>(List.of("node", "site-templates/js/search/search-cli.mjs",
                searchDir.toString()));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectInput(in.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), "node exit code");
        return new String(out, StandardCharsets.UTF_8);
    }
}
