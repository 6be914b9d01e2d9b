package io.bpacat.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.bpacat.index.SearchIndex.LocaleIndex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.util.BytesRef;

/**
 * Writes the Lucene indexes as static files the browser reads lazily, so a query downloads only what it needs:
 * <ul>
 *   <li>{@code search/meta.json}: BM25 parameters, Lucene's table of encoded lengths, fields and boosts, per locale its language, document count and
 *       per-field statistics (docCount, sumTotalTermFreq), exactly as Lucene's collection statistics;</li>
 *   <li>{@code search/stop/<language>.json}: the stop words of each language;</li>
 *   <li>{@code search/t/<shard>.json}: the term dictionaries of all locales by shard (the hex UTF-16 code units of a
 *       term's first two characters): locale → term → {@code [[field index, docFreq, ...], postings]} for the fields that have
 *       the term, in field order; postings are one string per field (encoded by {@link NumberCodec}: per document
 *       the gap from the previous document, the term frequency and Lucene's encoded length byte, the norm) or, when
 *       longer than {@value #INLINE_POSTINGS} characters in all, the path (without {@code .json.gz}) of the
 *       gzip-compressed file that holds those strings: {@code search/p/<n>.json.gz} (locale → [strings, rows]) when
 *       the term's long postings come to at most {@value #SHARED_POSTINGS} characters in all locales, else
 *       {@code search/<locale>/p/<n>.json.gz} ([strings, rows]), where {@code n} is the term's index in meta.json's
 *       {@code postings.terms}. The rows are {@code [doc, what a result shows]} of the term's {@value #BEST_ROWS}
 *       best documents there (the documents a query of that term alone ranks first), so that a result list where
 *       such a word leads needs no document files: a term of more than a few documents has them (in the real
 *       corpus, the terms of 19 to 32 documents in a field of a locale or more);</li>
 *   <li>meta.json's {@code postings}: the terms whose postings have a file of their own, sorted ({@code terms}),
 *       per locale a {@link NumberCodec} string of each such term's summed docFreq there ({@code docFreq}; 0: inline
 *       or absent in that locale), and the indexes of the terms whose files are per locale ({@code perLocale}). With
 *       meta.json loaded ahead, a query requests the shards of its terms, their long postings and those of the last
 *       word's likely completions in one round of requests, then, for the hits whose rows did not come with those
 *       long postings, the result documents in a second;</li>
 *   <li>meta.json's {@code locales.<locale>.rules}: each document's rule as a {@link NumberCodec} string of gaps
 *       between rule numbers (the rules of all locales in ID order), so that a result list of distinct rules
 *       loads its documents in one round;</li>
 *   <li>{@code search/<locale>/d/<doc / docsPerFile>.json.gz}: what a result shows (id, title, url, severity,
 *       category, product, excerpt), for {@code docsPerFile} consecutive documents (meta.json says how many) in an
 *       array, gzip-compressed on disk (the browser inflates them unless the host already did); a hit's file is
 *       loaded only when its row is not among those of the long postings its query loaded;</li>
 *   <li>{@code search/facets.json}: per locale the severity, category and product of every document, for filters:
 *       per facet its sorted values and a {@link NumberCodec} string of each document's value index;</li>
 *   <li>{@code search/ids/<first two characters>.json}: rule ID → [[locale, doc], ...], for asset-ID queries.</li>
 * </ul>
 * All files are written with sorted keys and no white space (and gzip without a time stamp): the same index gives
 * the same bytes.
 */
public final class SearchExport {
    /** Documents per file of {@code d/}: a result list loads a few small files, a site holds few files. */
    public static final int DOCS_PER_FILE = 16;
    /** Encoded postings up to this many characters stay in the term's shard; longer ones get a file of their own. */
    static final int INLINE_POSTINGS = 128;
    /** A term's longer postings that come to at most this many characters in all locales share one file. */
    static final int SHARED_POSTINGS = 131072;
    /** How many of its best documents' result rows a term with long postings carries: a result list's worth. */
    static final int BEST_ROWS = 10;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private SearchExport() {
    }

    /** Receives the files: a path relative to the site root ({@code search/meta.json}) and its bytes. */
    @FunctionalInterface
    public interface Sink {
        void put(String path, byte[] bytes);
    }

    /** Writes the export below {@code siteRoot/search/}. */
    public static void write(SearchIndex index, Path siteRoot) {
        write(index, (path, bytes) -> {
            try {
                Path file = siteRoot.resolve(path);
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path, e);
            }
        });
    }

    public static void write(SearchIndex index, Sink sink) {
        Out root = new Out(sink, "search/");
        try {
            ObjectNode meta = F.objectNode();
            meta.put("version", 5);
            meta.put("k1", SearchIndex.K1);
            meta.put("b", SearchIndex.B);
            meta.put("prefixExpansions", Searcher.PREFIX_EXPANSIONS);
            meta.put("minPrefix", Searcher.MIN_PREFIX);
            meta.put("docsPerFile", DOCS_PER_FILE);
            meta.put("prefixWeight", Searcher.PREFIX_WEIGHT);
            ArrayNode lengths = meta.putArray("lengthTable");
            for (int i = 0; i < 256; i++) {
                lengths.add(org.apache.lucene.util.SmallFloat.byte4ToInt((byte) i));
            }
            ArrayNode fields = meta.putArray("fields");
            SearchIndex.FIELDS.forEach(f -> fields.addObject().put("name", f.name()).put("boost", f.boost()));
            ObjectNode locales = meta.putObject("locales");
            Map<String, List<int[]>> ids = new TreeMap<>();
            TreeSet<String> languages = new TreeSet<>();
            List<String> localeNames = new ArrayList<>(index.locales().keySet());
            Map<String, Map<String, TermPostings>> terms = new TreeMap<>();
            ObjectNode facets = F.objectNode();
            Map<String, Integer> rules = ruleNumbers(index);
            Memo memo = index.memo();
            Map<String, LocalePart> parts = new TreeMap<>();
            for (LocaleIndex l : index.locales().values()) {
                LocalePart part = memo == null ? localePart(l) : memo.parts.computeIfAbsent(l.reader(), r -> localePart(l));
                parts.put(l.locale(), part);
                ObjectNode info = part.info().deepCopy();
                info.put("rules", ruleGaps(l, rules));
                locales.set(l.locale(), info);
                facets.set(l.locale(), part.facets());
                part.terms().forEach((term, t) -> terms.computeIfAbsent(term, k -> new TreeMap<>()).put(l.locale(), t));
                Out docs = root.resolve(dirName(l.locale()) + "/d/");
                part.docFiles().forEach((name, bytes) -> docs.sink().put(docs.prefix() + name, bytes));
                languages.add(l.analyzer().language());
                for (int doc = 0; doc < l.docs().size(); doc++) {
                    ids.computeIfAbsent(l.docs().get(doc).ruleId(), k -> new ArrayList<>())
                            .add(new int[] {localeNames.indexOf(l.locale()), doc});
                }
            }
            Compressor compressor = new Compressor(memo);
            meta.set("postings", writeTerms(terms, root, localeNames, new BestRows(index, parts), compressor));
            compressor.keep();
            write(root.resolve("facets.json"), facets);
            writeStopWords(root.resolve("stop/"), languages);
            writeIds(root.resolve("ids/"), ids, localeNames);
            write(root.resolve("meta.json"), meta);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the search export", e);
        }
    }

    /** The folder of a locale's files: the lower-case locale. */
    public static String dirName(String locale) {
        return locale.toLowerCase(Locale.ROOT);
    }

    /** A folder of the sink. */
    private record Out(Sink sink, String prefix) {
        Out resolve(String name) {
            return new Out(sink, prefix + name);
        }
    }

    /**
     * What the export takes from one locale's index alone: its meta.json entry (without the rules, which depend on
     * every locale), its terms' postings, its facets, its gzip-compressed document files by name, and the best rows
     * of its terms as they are asked for ({@link BestRows}). Read-only once made, but for the rows: {@code bpacat
     * serve} keeps a locale's index while its documents are unchanged, and its {@link Memo} keeps this part by the
     * index's reader for as long, so a rebuild after an edit reads only the edited locale's index again.
     */
    private record LocalePart(ObjectNode info, Map<String, TermPostings> terms, ObjectNode facets,
                              Map<String, byte[]> docFiles, Map<String, JsonNode> rows) {
    }

    /**
     * What one export leaves to the next export of the same kept indexes ({@link IncrementalSearchIndex}, for
     * {@code bpacat serve}): each locale's part by its index reader (compared by identity, held weakly), and the
     * gzip-compressed postings files by their JSON text.
     */
    static final class Memo {
        private final Map<IndexReader, LocalePart> parts =
                Collections.synchronizedMap(new WeakHashMap<>());
        private Map<String, byte[]> gzips = Map.of();
    }

    private static LocalePart localePart(LocaleIndex l) {
        try {
            Map<String, TermPostings> terms = new HashMap<>();
            ObjectNode info = readLocale(l, terms);
            return new LocalePart(info, terms, facets(l), docFiles(l), new ConcurrentHashMap<>());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the search index of " + l.locale(), e);
        }
    }

    /** A locale's meta.json entry (language, documents, field statistics); puts its terms' postings in {@code terms}. */
    private static ObjectNode readLocale(LocaleIndex l, Map<String, TermPostings> terms) throws IOException {
        ObjectNode info = F.objectNode();
        info.put("language", l.analyzer().language());
        info.put("docs", l.docs().size());
        info.put("dir", dirName(l.locale()));
        ObjectNode stats = info.putObject("fields");
        LeafReader leaf = l.reader().leaves().get(0).reader();
        for (int fi = 0; fi < SearchIndex.FIELDS.size(); fi++) {
            String field = SearchIndex.FIELDS.get(fi).name();
            Terms t = leaf.terms(field);
            ObjectNode s = stats.putObject(field);
            s.put("docCount", t == null ? 0 : t.getDocCount());
            s.put("sumTotalTermFreq", t == null ? 0 : t.getSumTotalTermFreq());
            if (t != null) {
                addPostings(fi, t, leaf.getNormValues(field), terms);
            }
        }
        return info;
    }

    /** The rules of all locales numbered in ID order. */
    private static Map<String, Integer> ruleNumbers(SearchIndex index) {
        TreeSet<String> ids = new TreeSet<>();
        index.locales().values().forEach(l -> l.docs().forEach(d -> ids.add(d.ruleId())));
        Map<String, Integer> numbers = new TreeMap<>();
        ids.forEach(id -> numbers.put(id, numbers.size()));
        return numbers;
    }

    /**
     * A locale's documents' rule numbers as a {@link NumberCodec} string of gaps (documents are in rule-ID order):
     * the browser drops a rule's other languages from a result list before it loads documents.
     */
    private static String ruleGaps(LocaleIndex l, Map<String, Integer> rules) {
        StringBuilder gaps = new StringBuilder();
        int previous = 0;
        for (SearchDocument d : l.docs()) {
            int number = rules.get(d.ruleId());
            if (number < previous) {
                throw new IllegalStateException("documents of " + l.locale() + " not in rule-ID order at " + d.ruleId());
            }
            NumberCodec.append(gaps, number - previous);
            previous = number;
        }
        return gaps.toString();
    }

    /**
     * One term's postings in one locale: per field that has it (in field order) [field index, docFreq] and the
     * encoded postings; complete once its locale's index is read (then its length in characters is counted once).
     */
    private static final class TermPostings {
        private final List<int[]> fields = new ArrayList<>();
        private final List<String> postings = new ArrayList<>();
        private int chars = -1;

        List<int[]> fields() {
            return fields;
        }

        List<String> postings() {
            return postings;
        }

        int chars() {
            if (chars < 0) {
                chars = postings.stream().mapToInt(String::length).sum();
            }
            return chars;
        }
    }

    /** Adds a field's postings to a locale's terms (term → postings). */
    private static void addPostings(int fieldIndex, Terms terms, NumericDocValues norms,
                                    Map<String, TermPostings> out) throws IOException {
        TermsEnum e = terms.iterator();
        PostingsEnum p = null;
        for (BytesRef b = e.next(); b != null; b = e.next()) {
            StringBuilder postings = new StringBuilder();
            p = e.postings(p, PostingsEnum.FREQS);
            int previous = 0;
            for (int doc = p.nextDoc(); doc != PostingsEnum.NO_MORE_DOCS; doc = p.nextDoc()) {
                long norm = norms != null && norms.advanceExact(doc) ? norms.longValue() : 0;
                NumberCodec.append(postings, doc - previous);
                NumberCodec.append(postings, p.freq());
                NumberCodec.append(postings, ((byte) norm) & 0xFF);
                previous = doc;
            }
            TermPostings t = out.computeIfAbsent(b.utf8ToString(), k -> new TermPostings());
            t.fields().add(new int[] {fieldIndex, e.docFreq()});
            t.postings().add(postings.toString());
        }
    }

    /**
     * Writes the term dictionaries by shard ({@code t/}, every locale's in one file) and the postings too long to
     * keep there: those of a term that are short in all locales together in one file for all locales
     * ({@code p/<n>.json.gz}: locale → strings), so a query in every language loads one file per term; longer ones
     * in a file per locale ({@code <locale>/p/<n>.json.gz}: strings), so a query in one language loads only its own.
     * Returns meta.json's {@code postings}: which terms have such files, so that the browser requests them with the
     * shards.
     */
    private static ObjectNode writeTerms(Map<String, Map<String, TermPostings>> terms, Out root, List<String> locales,
                                         BestRows rows, Compressor compressor) throws IOException {
        Map<String, ObjectNode> shards = new TreeMap<>();
        PostingsFiles files = new PostingsFiles(root, locales, rows, compressor);
        for (Map.Entry<String, Map<String, TermPostings>> e : terms.entrySet()) {
            ObjectNode shard = shards.computeIfAbsent(shardOf(e.getKey()), k -> F.objectNode());
            files.startTerm(e.getKey(), e.getValue().values());
            for (Map.Entry<String, TermPostings> l : e.getValue().entrySet()) {
                ObjectNode dictionary = shard.has(l.getKey()) ? (ObjectNode) shard.get(l.getKey()) : shard.putObject(l.getKey());
                dictionary.set(e.getKey(), files.entry(l.getKey(), l.getValue()));
            }
            files.endTerm();
        }
        for (Map.Entry<String, ObjectNode> e : shards.entrySet()) {
            write(root.resolve("t/" + e.getKey() + ".json"), e.getValue());
        }
        return files.directory();
    }

    /**
     * Places one term's postings at a time (terms come in sorted order): inline, in the term's file shared by the
     * locales, or in a locale's file. A term with a file is numbered by its place among such terms and listed with
     * its summed docFreq per locale (meta.json's {@code postings}).
     */
    private static final class PostingsFiles {
        private final Out root;
        private final BestRows rows;
        private final Compressor compressor;
        private final ArrayNode terms = F.arrayNode();
        private final ArrayNode perLocale = F.arrayNode();
        private final Map<String, StringBuilder> docFreqs = new TreeMap<>();
        private final Map<String, Integer> termDocFreqs = new TreeMap<>();
        private String term;
        private boolean together;
        private ObjectNode shared;

        PostingsFiles(Out root, List<String> locales, BestRows rows, Compressor compressor) {
            this.root = root;
            this.rows = rows;
            this.compressor = compressor;
            locales.forEach(l -> docFreqs.put(l, new StringBuilder()));
        }

        void startTerm(String term, Collection<TermPostings> locales) {
            this.term = term;
            int outside = locales.stream().mapToInt(TermPostings::chars).filter(c -> c > INLINE_POSTINGS).sum();
            together = outside <= SHARED_POSTINGS;
            shared = F.objectNode();
            termDocFreqs.clear();
        }

        /** The dictionary entry of the term in a locale: {@code [[field index, docFreq, ...], postings or path]}. */
        ArrayNode entry(String locale, TermPostings t) throws IOException {
            ArrayNode value = F.arrayNode();
            ArrayNode fields = value.addArray();
            t.fields().forEach(f -> fields.add(f[0]).add(f[1]));
            ArrayNode postings = F.arrayNode();
            t.postings().forEach(postings::add);
            if (t.chars() <= INLINE_POSTINGS) {
                return value.add(postings);
            }
            termDocFreqs.put(locale, t.fields().stream().mapToInt(f -> f[1]).sum());
            ArrayNode file = F.arrayNode().add(postings).add(rows.of(locale, term, t.fields()));
            if (together) {
                shared.set(locale, file);
                return value.add("p/" + terms.size());
            }
            String path = dirName(locale) + "/p/" + terms.size();
            compressor.write(root.resolve(path + ".json.gz"), file);
            return value.add(path);
        }

        void endTerm() throws IOException {
            if (termDocFreqs.isEmpty()) {
                return;
            }
            if (together) {
                compressor.write(root.resolve("p/" + terms.size() + ".json.gz"), shared);
            } else {
                perLocale.add(terms.size());
            }
            docFreqs.forEach((locale, out) -> NumberCodec.append(out, termDocFreqs.getOrDefault(locale, 0)));
            terms.add(term);
        }

        /** meta.json's {@code postings}: {@code terms}, {@code perLocale}, and per locale the {@code docFreq} string. */
        ObjectNode directory() {
            ObjectNode n = F.objectNode();
            n.set("terms", terms);
            n.set("perLocale", perLocale);
            ObjectNode df = n.putObject("docFreq");
            docFreqs.forEach((locale, out) -> df.put(locale, out.toString()));
            return n;
        }
    }

    /**
     * The result rows of a term's best documents in a locale: {@code [[doc, row], ...]}, the first {@value #BEST_ROWS}
     * documents of a query of the term alone as {@link Searcher} scores it (each field that has the term, boosted,
     * BM25; ties by document number).
     */
    private static final class BestRows {
        private final SearchIndex index;
        private final Map<String, LocalePart> parts;
        private final Map<String, IndexSearcher> searchers = new TreeMap<>();

        /** @param parts the locales' parts, which keep the rows: serve's rebuild computes only the edited locale's */
        BestRows(SearchIndex index, Map<String, LocalePart> parts) {
            this.index = index;
            this.parts = parts;
        }

        /** The rows as JSON text (written once, as the rows of an unchanged locale are written again by serve). */
        JsonNode of(String locale, String term, List<int[]> fields) throws IOException {
            LocaleIndex l = index.locales().get(locale);
            Map<String, JsonNode> known = parts.get(locale).rows();
            JsonNode rows = known.get(term);
            if (rows == null) {
                rows = F.rawValueNode(new RawValue(
                        JSON.writeValueAsString(best(l, term, fields))));
                known.put(term, rows);
            }
            return rows;
        }

        private ArrayNode best(LocaleIndex l, String term, List<int[]> fields) throws IOException {
            String locale = l.locale();
            IndexSearcher searcher = searchers.computeIfAbsent(locale, k -> {
                IndexSearcher s = new IndexSearcher(l.reader());
                s.setSimilarity(new BM25Similarity(SearchIndex.K1, SearchIndex.B));
                return s;
            });
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            for (int[] f : fields) {
                SearchIndex.Field field = SearchIndex.FIELDS.get(f[0]);
                query.add(new BoostQuery(new TermQuery(new Term(field.name(), term)), field.boost()), Occur.SHOULD);
            }
            ArrayNode rows = F.arrayNode();
            for (ScoreDoc sd : searcher.search(query.build(), BEST_ROWS).scoreDocs) {
                rows.addArray().add(sd.doc).add(doc(l.docs().get(sd.doc)));
            }
            return rows;
        }
    }

    /** The shard of a term: the hex UTF-16 code units of its first two characters. */
    public static String shardOf(String term) {
        char[] hex = new char[4 * Math.min(2, term.length())];
        for (int i = 0; i < hex.length; i++) {
            hex[i] = Character.forDigit((term.charAt(i / 4) >> (12 - 4 * (i % 4))) & 0xF, 16);
        }
        return new String(hex);
    }

    /** A locale's document files ({@code <doc / docsPerFile>.json.gz}) by name, gzip-compressed. */
    private static Map<String, byte[]> docFiles(LocaleIndex l) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int first = 0; first < l.docs().size(); first += DOCS_PER_FILE) {
            ArrayNode file = F.arrayNode();
            l.docs().subList(first, Math.min(first + DOCS_PER_FILE, l.docs().size()))
                    .forEach(d -> file.add(doc(d)));
            files.put(first / DOCS_PER_FILE + ".json.gz", gzip(file));
        }
        return files;
    }

    private static ObjectNode doc(SearchDocument d) {
        ObjectNode n = F.objectNode();
        n.put("id", d.ruleId());
        n.put("title", d.title());
        n.put("url", d.url());
        n.put("severity", d.severity());
        n.put("category", d.category());
        n.put("product", d.product());
        n.put("excerpt", d.excerpt());
        return n;
    }

    /** Per facet its sorted values and a {@link NumberCodec} string of each document's value index. */
    private static ObjectNode facets(LocaleIndex l) {
        ObjectNode n = F.objectNode();
        for (String facet : List.of("severity", "category", "product")) {
            List<String> values = new ArrayList<>(new TreeSet<>(l.docs().stream().map(d -> facetValue(d, facet)).toList()));
            ObjectNode f = n.putObject(facet);
            ArrayNode v = f.putArray("values");
            values.forEach(v::add);
            StringBuilder docs = new StringBuilder();
            l.docs().forEach(d -> NumberCodec.append(docs, values.indexOf(facetValue(d, facet))));
            f.put("docs", docs.toString());
        }
        return n;
    }

    private static String facetValue(SearchDocument d, String facet) {
        return switch (facet) {
            case "severity" -> d.severity();
            case "category" -> d.category();
            default -> d.product();
        };
    }

    private static void writeStopWords(Out dir, TreeSet<String> languages) throws IOException {
        for (String lang : languages) {
            CharArraySet set = SearchAnalyzer.STOP_SETS.get(lang);
            TreeSet<String> words = new TreeSet<>();
            if (set != null) {
                for (Object o : set) {
                    words.add(new String((char[]) o));
                }
            }
            ArrayNode arr = F.arrayNode();
            words.forEach(arr::add);
            write(dir.resolve(lang + ".json"), arr);
        }
    }

    private static void writeIds(Out dir, Map<String, List<int[]>> ids, List<String> locales) throws IOException {
        Map<String, ObjectNode> shards = new TreeMap<>();
        ids.forEach((id, refs) -> {
            ObjectNode shard = shards.computeIfAbsent(id.substring(0, Math.min(2, id.length())), k -> F.objectNode());
            ArrayNode list = shard.putArray(id);
            refs.forEach(r -> list.addArray().add(locales.get(r[0])).add(r[1]));
        });
        for (Map.Entry<String, ObjectNode> e : shards.entrySet()) {
            write(dir.resolve(e.getKey() + ".json"), e.getValue());
        }
    }

    /** JSON gzip-compressed; Java's gzip header has no time stamp, so the bytes depend on the JSON only. */
    private static byte[] gzip(Object node) throws IOException {
        return gzip(JSON.writeValueAsBytes(node));
    }

    private static byte[] gzip(byte[] json) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(json);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes gzip-compressed JSON files. With a {@link Memo} (serve), the compressed bytes of the previous export's
     * files are remembered by their JSON text: a rebuild after an edit compresses only the postings files whose text
     * changed (those of the edited page's terms, mostly). The same text gives the same bytes either way.
     */
    private static final class Compressor {
        private final Memo memo;
        private final Map<String, byte[]> earlier;
        private final Map<String, byte[]> now;

        Compressor(Memo memo) {
            this.memo = memo;
            this.earlier = memo == null ? Map.of() : memo.gzips;
            this.now = memo == null ? null : new HashMap<>();
        }

        void write(Out file, Object node) throws IOException {
            String json = JSON.writeValueAsString(node);
            byte[] bytes = earlier.get(json);
            if (bytes == null) {
                bytes = gzip(json.getBytes(StandardCharsets.UTF_8));
            }
            if (now != null) {
                now.put(json, bytes);
            }
            file.sink().put(file.prefix(), bytes);
        }

        /** Leaves this export's files to the next one (with a memo). */
        void keep() {
            if (memo != null) {
                memo.gzips = now;
            }
        }
    }

    private static void write(Out file, Object node) throws IOException {
        try {
            file.sink().put(file.prefix(), JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
