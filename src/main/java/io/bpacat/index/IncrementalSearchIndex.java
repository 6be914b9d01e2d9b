package io.bpacat.index;

import io.bpacat.catalog.Catalog;
import io.bpacat.index.SearchIndex.LocaleIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search index of one catalog after another ({@code bpacat serve}): a locale whose documents are all as they
 * were in the previous build keeps its index, and a section's plain text is taken from the previous build while its
 * Markdown is the same. Every index it returns is the one {@link SearchIndex#build} gives for that catalog; the
 * indexes stay open until a later build replaces them or {@link #close}.
 */
public final class IncrementalSearchIndex implements AutoCloseable {
    private Map<String, LocaleIndex> current = Map.of();
    private Map<String, String> plain = new HashMap<>();
    private List<String> lastIndexed = List.of();
    /** What each export of these indexes leaves to the next. */
    private final SearchExport.Memo exportMemo = new SearchExport.Memo();

    /** The index of this catalog; closing it leaves the indexes open (this object owns them). */
    public SearchIndex build(Catalog catalog) {
        Map<String, String> earlier = plain;
        Map<String, String> used = new HashMap<>();
        Map<String, List<SearchDocument>> documents = SearchDocuments.of(catalog, markdown -> used.computeIfAbsent(
                markdown, m -> earlier.containsKey(m) ? earlier.get(m) : MarkdownText.plain(m)));
        plain = used;
        List<String> changed = new ArrayList<>();
        documents.forEach((locale, docs) -> {
            LocaleIndex before = current.get(locale);
            if (before == null || !before.docs().equals(docs)) {
                changed.add(locale);
            }
        });
        Map<String, LocaleIndex> rebuilt = new java.util.concurrent.ConcurrentHashMap<>();
        changed.parallelStream().forEach(l -> rebuilt.put(l, SearchIndex.index(l, documents.get(l))));
        Map<String, LocaleIndex> next = new LinkedHashMap<>();
        documents.keySet().forEach(l -> next.put(l, rebuilt.getOrDefault(l, current.get(l))));
        List<LocaleIndex> gone = new ArrayList<>(current.values());
        gone.removeAll(next.values());
        SearchIndex.closeAll(gone);
        current = next;
        lastIndexed = List.copyOf(changed);
        return new SearchIndex(next, exportMemo);
    }

    /** The locales the last {@link #build} indexed (the others kept their index). */
    public List<String> lastIndexed() {
        return lastIndexed;
    }

    @Override
    public void close() {
        SearchIndex.closeAll(current.values());
        current = Map.of();
    }
}
