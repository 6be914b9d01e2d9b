package io.bpacat.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bpacat.catalog.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The judged query set (src/test/resources/search/judged-queries.yaml) and recall@5 over it. */
public final class JudgedQueries {
    public record Judged(SearchQuery query, List<String> expected) {
    }

    private JudgedQueries() {
    }

    public static List<Judged> load(Catalog catalog) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory())
                    .readTree(Path.of("src/test/resources/search/judged-queries.yaml").toFile());
            List<Judged> out = new ArrayList<>();
            for (JsonNode q : root.get("queries")) {
                List<String> expected = new ArrayList<>();
                q.get("expect").forEach(e -> expected.add(resolve(catalog, e.asText())));
                out.add(new Judged(new SearchQuery(q.get("query").asText(), set(q, "severity"), set(q, "category"),
                        Set.of(), set(q, "locale")), expected));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> set(JsonNode q, String key) {
        return q.has(key) ? Set.of(q.get(key).asText()) : Set.of();
    }

    private static String resolve(Catalog catalog, String prefix) {
        List<String> ids = catalog.rules().stream().map(r -> r.id()).filter(id -> id.startsWith(prefix)).toList();
        if (ids.size() != 1) {
            throw new IllegalStateException("judged prefix " + prefix + " matches " + ids);
        }
        return ids.get(0);
    }

    /** Recall@5 of one query given its ranked rule IDs. */
    public static double recallAt5(Judged j, List<String> ranked) {
        List<String> top = ranked.subList(0, Math.min(5, ranked.size()));
        return j.expected().stream().filter(top::contains).count() / (double) j.expected().size();
    }
}
