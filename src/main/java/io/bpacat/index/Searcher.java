package io.bpacat.index;

import io.bpacat.index.SearchIndex.LocaleIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.util.BytesRef;

/**
 * Runs a {@link SearchQuery} on the Lucene indexes. The browser's search module does the same steps on the
 * exported index, so both return the same top 10:
 * <ol>
 *   <li>A query that is an asset ID, whole or its first 8 hex digits, and starts some rule's ID, finds those rules
 *       (by ID, then locale) and nothing else.</li>
 *   <li>Otherwise, per locale: the query's analyzed terms, plus up to {@value #PREFIX_EXPANSIONS} dictionary terms
 *       that start with the last typed word (when the query does not end with white space and that word has at
 *       least {@value #MIN_PREFIX} characters), ordered by summed document frequency (descending) then term.
 *       Each (term, field) pair that exists becomes a BM25 term query boosted by the field's boost (times
 *       {@value #PREFIX_WEIGHT} for a completion); the score is their sum. Filters (severity, category, product) restrict without scoring.</li>
 *   <li>The locales' hits are merged by score (descending), locale, document number; the first hit of each rule
 *       is kept.</li>
 * </ol>
 */
public final class Searcher {
    public static final int PREFIX_EXPANSIONS = 8;
    public static final int MIN_PREFIX = 2;
    /** Completions of the last word count a quarter of a typed word. */
    public static final float PREFIX_WEIGHT = 0.25f;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}[0-9a-z.-]*");

    /** One result. */
    public record Hit(String ruleId, String locale, int doc, float score, SearchDocument document) {
    }

    private static final Comparator<Hit> ORDER = Comparator.comparing((Hit h) -> -h.score())
            .thenComparing(Hit::locale).thenComparingInt(Hit::doc);

    private final SearchIndex index;

    public Searcher(SearchIndex index) {
        this.index = index;
    }

    public List<Hit> search(SearchQuery q, int n) {
        List<LocaleIndex> selected = index.locales().values().stream()
                .filter(l -> q.locales().isEmpty() || q.locales().contains(l.locale())).toList();
        String text = q.text().strip().toLowerCase(Locale.ROOT);
        if (ID.matcher(text).matches()) {
            List<Hit> byId = byId(selected, q, text, n);
            if (!byId.isEmpty()) {
                return byId;
            }
        }
        List<Hit> all = new ArrayList<>();
        for (LocaleIndex l : selected) {
            all.addAll(search(l, q, n));
        }
        all.sort(ORDER);
        return firstPerRule(all, n);
    }

    private static List<Hit> byId(List<LocaleIndex> selected, SearchQuery q, String prefix, int n) {
        List<Hit> hits = new ArrayList<>();
        for (LocaleIndex l : selected) {
            for (int doc = 0; doc < l.docs().size(); doc++) {
                SearchDocument d = l.docs().get(doc);
                if (d.ruleId().startsWith(prefix) && passes(d, q)) {
                    hits.add(new Hit(d.ruleId(), l.locale(), doc, 0f, d));
                }
            }
        }
        hits.sort(Comparator.comparing(Hit::ruleId).thenComparing(Hit::locale));
        return firstPerRule(hits, n);
    }

    private static boolean passes(SearchDocument d, SearchQuery q) {
        return (q.severities().isEmpty() || q.severities().contains(d.severity()))
                && (q.categories().isEmpty() || q.categories().contains(d.category()))
                && (q.products().isEmpty() || q.products().contains(d.product()));
    }

    private static List<Hit> firstPerRule(List<Hit> hits, int n) {
        Set<String> seen = new HashSet<>();
        List<Hit> out = new ArrayList<>();
        for (Hit h : hits) {
            if (out.size() < n && seen.add(h.ruleId())) {
                out.add(h);
            }
        }
        return out;
    }

    private List<Hit> search(LocaleIndex l, SearchQuery q, int n) {
        try {
            Set<String> terms = new LinkedHashSet<>(l.analyzer().terms(q.text()));
            List<String> expansions = expansions(l, q.text(), terms);
            Query query = query(l, terms, expansions, q);
            if (query == null) {
                return List.of();
            }
            IndexSearcher searcher = new IndexSearcher(l.reader());
            searcher.setSimilarity(new BM25Similarity(SearchIndex.K1, SearchIndex.B));
            List<Hit> hits = new ArrayList<>();
            for (ScoreDoc sd : searcher.search(query, n).scoreDocs) {
                SearchDocument d = l.docs().get(sd.doc);
                hits.add(new Hit(d.ruleId(), l.locale(), sd.doc, sd.score, d));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Query query(LocaleIndex l, Set<String> terms, List<String> expansions, SearchQuery q)
            throws IOException {
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        int clauses = 0;
        List<String> all = new ArrayList<>(terms);
        all.addAll(expansions);
        for (int i = 0; i < all.size(); i++) {
            float weight = i < terms.size() ? 1f : PREFIX_WEIGHT;
            for (SearchIndex.Field f : SearchIndex.FIELDS) {
                Term term = new Term(f.name(), all.get(i));
                if (l.reader().docFreq(term) > 0) {
                    should.add(new BoostQuery(new TermQuery(term), f.boost() * weight), Occur.SHOULD);
                    clauses++;
                }
            }
        }
        if (clauses == 0) {
            return null;
        }
        BooleanQuery words = should.setMinimumNumberShouldMatch(0).build();
        if (q.severities().isEmpty() && q.categories().isEmpty() && q.products().isEmpty()) {
            return words;
        }
        BooleanQuery.Builder top = new BooleanQuery.Builder().add(words, Occur.MUST);
        filter(top, "severity", q.severities());
        filter(top, "category", q.categories());
        filter(top, "product", q.products());
        return top.build();
    }

    private static void filter(BooleanQuery.Builder top, String field, Set<String> values) {
        if (values.isEmpty()) {
            return;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        values.stream().sorted().forEach(v -> any.add(new TermQuery(new Term(field, v)), Occur.SHOULD));
        top.add(any.build(), Occur.FILTER);
    }

    /** Dictionary terms that start with the last typed word, most frequent first. */
    static List<String> expansions(LocaleIndex l, String text, Set<String> already) throws IOException {
        List<String> raw = SearchAnalyzer.rawWords(text);
        if (raw.isEmpty() || text.isEmpty() || Character.isWhitespace(text.charAt(text.length() - 1))) {
            return List.of();
        }
        String prefix = raw.get(raw.size() - 1);
        if (prefix.length() < MIN_PREFIX || SearchAnalyzer.isCjk(prefix.codePointAt(0))) {
            return List.of();
        }
        Map<String, Integer> freq = new TreeMap<>();
        for (SearchIndex.Field f : SearchIndex.FIELDS) {
            Terms terms = MultiTerms.getTerms(l.reader(), f.name());
            if (terms == null) {
                continue;
            }
            TermsEnum e = terms.iterator();
            BytesRef p = new BytesRef(prefix);
            if (e.seekCeil(p) == TermsEnum.SeekStatus.END) {
                continue;
            }
            for (BytesRef t = e.term(); t != null && startsWith(t, p); t = e.next()) {
                freq.merge(t.utf8ToString(), e.docFreq(), Integer::sum);
            }
        }
        return freq.entrySet().stream().filter(e -> !already.contains(e.getKey()))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(PREFIX_EXPANSIONS).map(Map.Entry::getKey).toList();
    }

    private static boolean startsWith(BytesRef t, BytesRef p) {
        if (t.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (t.bytes[t.offset + i] != p.bytes[p.offset + i]) {
                return false;
            }
        }
        return true;
    }
}
