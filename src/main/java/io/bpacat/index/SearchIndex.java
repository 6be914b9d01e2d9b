package io.bpacat.index;

import io.bpacat.catalog.Catalog;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * One Lucene index per locale, built in memory from the catalog with that locale's {@link SearchAnalyzer} and
 * BM25 (k1 = 1.2, b = 0.75). Documents are added in rule-ID order and merged into one segment, so a document's
 * number is its position in {@link LocaleIndex#docs()}: the browser export relies on that.
 */
public final class SearchIndex implements Closeable {
    /** A searched field and its query-time boost. */
    public record Field(String name, float boost) {
    }

    /** The searched text fields, in the order the query lists their clauses. */
    public static final List<Field> FIELDS = List.of(new Field("title", 3.0f), new Field("body", 1.0f),
            new Field("meta", 0.5f));
    public static final float K1 = 1.2f;
    public static final float B = 0.75f;

    /** A locale's index and its documents by document number. */
    public record LocaleIndex(String locale, SearchAnalyzer analyzer, DirectoryReader reader,
                              List<SearchDocument> docs) {
    }

    private final Map<String, LocaleIndex> locales;
    /**
     * What the export of an {@link IncrementalSearchIndex}'s kept indexes leaves to the next export; null for an
     * index built once, whose {@link #close} closes the readers (the incremental index owns its readers).
     */
    private final SearchExport.Memo memo;

    private SearchIndex(Map<String, LocaleIndex> locales) {
        this(locales, null);
    }

    SearchIndex(Map<String, LocaleIndex> locales, SearchExport.Memo memo) {
        this.locales = locales;
        this.memo = memo;
    }

    /** Indexes the locales in parallel; the result lists them in locale order. */
    public static SearchIndex build(Catalog catalog) {
        Map<String, List<SearchDocument>> documents = SearchDocuments.of(catalog);
        Map<String, LocaleIndex> built = documents.entrySet().parallelStream()
                .collect(java.util.stream.Collectors.toConcurrentMap(Map.Entry::getKey,
                        e -> index(e.getKey(), e.getValue())));
        Map<String, LocaleIndex> out = new LinkedHashMap<>();
        documents.keySet().forEach(locale -> out.put(locale, built.get(locale)));
        return new SearchIndex(out);
    }

    public Map<String, LocaleIndex> locales() {
        return locales;
    }

    SearchExport.Memo memo() {
        return memo;
    }

    static LocaleIndex index(String locale, List<SearchDocument> docs) {
        SearchAnalyzer analyzer = new SearchAnalyzer(locale);
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setSimilarity(new BM25Similarity(K1, B))
                .setRAMBufferSizeMB(256)
                .setMaxBufferedDocs(Math.max(2, docs.size() + 1));
        try (IndexWriter writer = new IndexWriter(dir, config)) {
            for (SearchDocument d : docs) {
                writer.addDocument(document(d));
            }
            writer.forceMerge(1);
            writer.commit();
            return new LocaleIndex(locale, analyzer, DirectoryReader.open(dir), new ArrayList<>(docs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index " + locale, e);
        }
    }

    private static Document document(SearchDocument d) {
        Document doc = new Document();
        doc.add(new StringField("id", d.ruleId(), org.apache.lucene.document.Field.Store.NO));
        doc.add(new TextField("title", d.title(), org.apache.lucene.document.Field.Store.NO));
        doc.add(new TextField("body", d.body(), org.apache.lucene.document.Field.Store.NO));
        doc.add(new TextField("meta", d.meta(), org.apache.lucene.document.Field.Store.NO));
        keyword(doc, "severity", d.severity());
        keyword(doc, "category", d.category());
        keyword(doc, "product", d.product());
        return doc;
    }

    private static void keyword(Document doc, String name, String value) {
        if (!value.isEmpty()) {
            doc.add(new StringField(name, value, org.apache.lucene.document.Field.Store.NO));
        }
    }

    @Override
    public void close() {
        if (memo == null) {
            closeAll(locales.values());
        }
    }

    static void closeAll(java.util.Collection<LocaleIndex> indexes) {
        for (LocaleIndex l : indexes) {
            try {
                l.reader().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

}
