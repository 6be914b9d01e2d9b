package io.bpacat.check;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.bpacat.catalog.Catalog;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@code bpacat validate} needs of the catalog: for each checker file, the ID of the rule it checks and the
 * labels its results carry ({@link CheckerBundle#ruleId} and {@link CheckerBundle#label}). Small and plain, so it
 * can be kept between runs (the command line's label cache) and a validate of unchanged content need not parse
 * every rule page again. {@link #toJson()} and {@link #fromJson} give back equal tables.
 */
public record RuleLabels(SortedMap<String, Entry> byFile) {
    private static final JsonFactory JSON = new JsonFactory();

    /** The rule a checker file checks, and its labels. */
    public record Entry(String id, CheckerBundle.RuleLabel label) {
    }

    public RuleLabels {
        byFile = new TreeMap<>(byFile);
    }

    /** The labels of {@code checkers} as the catalog gives them. */
    public static RuleLabels of(List<Checker> checkers, Catalog catalog) {
        SortedMap<String, Entry> out = new TreeMap<>();
        for (Checker c : checkers) {
            String id = CheckerBundle.ruleId(c, catalog);
            out.put(c.file(), new Entry(id, CheckerBundle.label(c, id, catalog)));
        }
        return new RuleLabels(out);
    }

    /**
     * The labels by rule ID, as {@code checkers.json} lists them ({@link CheckerBundle#write}); of two checkers of
     * one rule (they get the catalog's same labels), the later file's.
     */
    public SortedMap<String, CheckerBundle.RuleLabel> byRule() {
        SortedMap<String, CheckerBundle.RuleLabel> out = new TreeMap<>();
        byFile.values().forEach(e -> out.put(e.id(), e.label()));
        return out;
    }

    /** Whether every one of {@code checkers} has an entry. */
    public boolean covers(Collection<Checker> checkers) {
        return checkers.stream().allMatch(c -> byFile.containsKey(c.file()));
    }

    /** The ID of the rule {@code c} checks; a checker without an entry is an error of the caller. */
    public String id(Checker c) {
        return entry(c).id();
    }

    public CheckerBundle.RuleLabel label(Checker c) {
        return entry(c).label();
    }

    private Entry entry(Checker c) {
        Entry e = byFile.get(c.file());
        if (e == null) {
            throw new IllegalArgumentException("no rule labels for checker " + c.file());
        }
        return e;
    }

    /** The table as JSON, entries and titles sorted: equal tables give equal text. */
    public String toJson() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            for (Map.Entry<String, Entry> e : byFile.entrySet()) {
                CheckerBundle.RuleLabel l = e.getValue().label();
                g.writeObjectFieldStart(e.getKey());
                g.writeStringField("id", e.getValue().id());
                g.writeStringField("title", l.title());
                g.writeObjectFieldStart("titles");
                for (Map.Entry<String, String> t : l.titles().entrySet()) {
                    g.writeStringField(t.getKey(), t.getValue());
                }
                g.writeEndObject();
                g.writeStringField("severity", l.severity());
                g.writeStringField("category", l.category());
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    /** A table {@link #toJson()} wrote; empty when the text is not one (then the caller builds it again). */
    public static Optional<RuleLabels> fromJson(String text) {
        try {
            if (!(new TreeReader(8, false).readJson(text).value() instanceof Map<?, ?> files)) {
                return Optional.empty();
            }
            SortedMap<String, Entry> out = new TreeMap<>();
            for (Map.Entry<?, ?> f : files.entrySet()) {
                Optional<Entry> e = entry(f.getValue());
                if (e.isEmpty()) {
                    return Optional.empty();
                }
                out.put((String) f.getKey(), e.get());
            }
            return Optional.of(new RuleLabels(out));
        } catch (TreeReader.ReadException e) {
            return Optional.empty();
        }
    }

    /** An entry as toJson() writes it (labels may be null: a rule of a multi-rule page has no severity). */
    private static Optional<Entry> entry(Object value) {
        if (!(value instanceof Map<?, ?> e) || !(e.get("id") instanceof String id)
                || !(e.get("titles") instanceof Map<?, ?> titles) || !textOrNull(e.get("title"))
                || !textOrNull(e.get("severity")) || !textOrNull(e.get("category"))) {
            return Optional.empty();
        }
        SortedMap<String, String> byLocale = new TreeMap<>();
        for (Map.Entry<?, ?> t : titles.entrySet()) {
            if (!textOrNull(t.getValue())) {
                return Optional.empty();
            }
            byLocale.put((String) t.getKey(), (String) t.getValue());
        }
        return Optional.of(new Entry(id, new CheckerBundle.RuleLabel((String) e.get("title"), byLocale,
                (String) e.get("severity"), (String) e.get("category"))));
    }

    private static boolean textOrNull(Object v) {
        return v == null || v instanceof String;
    }
}
