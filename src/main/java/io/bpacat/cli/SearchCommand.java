package io.bpacat.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bpacat.catalog.CatalogBuilder;
import io.bpacat.index.SearchIndex;
import io.bpacat.index.SearchQuery;
import io.bpacat.index.Searcher;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bpacat search}: queries the Lucene indexes built from the content folder. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search the rules: words in any supported language (matched through their stems, the last"
                + " word as a prefix), or an asset ID (whole or its first 8 hex digits).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:at least one result", "1:no result", "2:usage error"})
final class SearchCommand implements Callable<Integer> {
    @Mixin
    ContentOptions options;

    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "Words or an asset ID.")
    List<String> words;

    @Option(names = "--severity", split = ",", paramLabel = "S", description = "error, warning, information.")
    Set<String> severities = Set.of();

    @Option(names = "--category", split = ",", paramLabel = "C", description = "configuration, operations, ...")
    Set<String> categories = Set.of();

    @Option(names = "--product", split = ",", paramLabel = "P", description = "Product as written, e.g. Hyper-V.")
    Set<String> products = Set.of();

    @Option(names = "--locale", split = ",", paramLabel = "L", description = "Locales to search, e.g. it-IT.")
    Set<String> locales = Set.of();

    @Option(names = {"-n", "--limit"}, defaultValue = "10", description = "Results to show (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CatalogBuilder.Result result = options.buildCatalog();
        SearchQuery q = new SearchQuery(String.join(" ", words), severities, categories, products, locales);
        List<Searcher.Hit> hits;
        try (SearchIndex index = SearchIndex.build(result.catalog())) {
            hits = new Searcher(index).search(q, limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(json(hits));
        } else {
            text(hits, out);
        }
        return hits.isEmpty() ? 1 : 0;
    }

    private static void text(List<Searcher.Hit> hits, PrintWriter out) {
        int rank = 1;
        for (Searcher.Hit h : hits) {
            var d = h.document();
            out.printf(java.util.Locale.ROOT, "%2d. %s%n    %s · %s · %s · %s · score %.4f%n    %s%n", rank++,
                    d.title(), h.ruleId(), h.locale(), blank(d.severity()), blank(d.category()), h.score(), d.url());
        }
        if (hits.isEmpty()) {
            out.println("no results");
        }
    }

    private static String blank(String s) {
        return s.isEmpty() ? "-" : s;
    }

    static String json(List<Searcher.Hit> hits) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ArrayNode arr = m.createArrayNode();
        int rank = 1;
        for (Searcher.Hit h : hits) {
            ObjectNode n = arr.addObject();
            n.put("rank", rank++);
            n.put("id", h.ruleId());
            n.put("locale", h.locale());
            n.put("score", h.score());
            n.put("title", h.document().title());
            n.put("url", h.document().url());
            n.put("severity", h.document().severity());
            n.put("category", h.document().category());
        }
        return m.writerWithDefaultPrettyPrinter().writeValueAsString(arr) + "\n";
    }
}
