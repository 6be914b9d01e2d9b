package io.bpacat.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The localized words of rule pages, loaded from {@code vocabulary.yaml}: property labels and values, section
 * headings, the "Applies to" line. Lookups ignore case, emphasis, tags, a trailing colon and white-space runs.
 */
public final class Vocabulary {
    /** What a term names. */
    public enum Kind { LABEL, SEVERITY, CATEGORY, SECTION, APPLIES_TO }

    /**
     * A known term.
     *
     * @param key       normalized meaning ({@code severity}, {@code error}, {@code issue}, ...)
     * @param languages the vocabulary languages it belongs to ({@code en}, {@code zh-Hans}, ...)
     * @param quirk     whether it is a known machine-translation mistake
     */
    public record Term(String key, Set<String> languages, boolean quirk) {
    }

    private static final Pattern TAGS = Pattern.compile("<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private final Map<Kind, Map<String, Term>> terms = new HashMap<>();
    private final Map<String, String> anchors = new HashMap<>();
    private final List<String> appliesToRaw = new java.util.ArrayList<>();

    private Vocabulary() {
        for (Kind k : Kind.values()) {
            terms.put(k, new HashMap<>());
        }
    }

    /** The vocabulary shipped with bpacat. */
    public static Vocabulary standard() {
        try (InputStream in = Vocabulary.class.getResourceAsStream("vocabulary.yaml")) {
            return load(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in vocabulary", e);
        }
    }

    static Vocabulary load(JsonNode root) {
        Vocabulary v = new Vocabulary();
        v.addKeyed(Kind.LABEL, root.path("labels"), false);
        v.addKeyed(Kind.SEVERITY, root.path("values").path("severity"), false);
        v.addKeyed(Kind.CATEGORY, root.path("values").path("category"), false);
        v.addKeyed(Kind.SECTION, root.path("sections"), false);
        v.addLanguages(Kind.APPLIES_TO, "appliesTo", root.path("appliesTo"), false);
        root.path("appliesTo").forEach(lang -> lang.forEach(w -> v.appliesToRaw.add(w.asText())));
        v.addKeyed(Kind.LABEL, root.path("quirks").path("labels"), true);
        v.addKeyed(Kind.SEVERITY, root.path("quirks").path("values").path("severity"), true);
        v.addKeyed(Kind.CATEGORY, root.path("quirks").path("values").path("category"), true);
        root.path("anchors").fields().forEachRemaining(e ->
                e.getValue().forEach(a -> v.anchors.put(a.asText(), e.getKey())));
        return v;
    }

    private void addKeyed(Kind kind, JsonNode byKey, boolean quirk) {
        for (Iterator<Map.Entry<String, JsonNode>> it = byKey.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            addLanguages(kind, e.getKey(), e.getValue(), quirk);
        }
    }

    private void addLanguages(Kind kind, String key, JsonNode byLanguage, boolean quirk) {
        byLanguage.fields().forEachRemaining(lang -> lang.getValue().forEach(word -> {
            String n = normalize(word.asText());
            Term old = terms.get(kind).get(n);
            if (old != null && !old.key().equals(key)) {
                throw new IllegalStateException("vocabulary term \"" + word.asText() + "\" means both "
                        + old.key() + " and " + key + " as " + kind);
            }
            Set<String> langs = new TreeSet<>(old == null ? Set.of() : old.languages());
            langs.add(lang.getKey());
            terms.get(kind).put(n, new Term(key, Set.copyOf(langs), quirk || (old != null && old.quirk())));
        }));
    }

    /** Looks up a term exactly (after normalization). */
    public Optional<Term> lookup(Kind kind, String text) {
        return Optional.ofNullable(terms.get(kind).get(normalize(text)));
    }

    /** The section role an English heading anchor stands for ({@code issue}, {@code seeAlso}), if any. */
    public Optional<String> anchorRole(String anchor) {
        return Optional.ofNullable(anchors.get(anchor.toLowerCase(Locale.ROOT)));
    }

    /**
     * A pattern for an "Applies to" line in any language: group 1 is the value. It allows a leading {@code >},
     * emphasis, either apostrophe and a missing colon.
     */
    public Pattern appliesToPattern() {
        String alternatives = appliesToRaw.stream().distinct()
                .sorted((a, b) -> b.length() - a.length())
                .map(t -> Pattern.quote(t).replace("'", "\\E['’]\\Q"))
                .reduce((a, b) -> a + "|" + b).orElse("Applies to");
        return Pattern.compile("^\\s*>?\\s*[*_]*(?:" + alternatives + ")[*_]*\\s*[:：]?[*_]*\\s*(.+?)\\s*$",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The vocabulary language of a BCP 47 locale: {@code de-DE} → {@code de}, {@code zh-TW} → {@code zh-Hant}. */
    public static String languageOf(String locale) {
        String lower = locale.toLowerCase(Locale.ROOT);
        if (lower.startsWith("zh")) {
            return lower.contains("tw") || lower.contains("hk") || lower.contains("hant") ? "zh-Hant" : "zh-Hans";
        }
        int dash = lower.indexOf('-');
        return dash < 0 ? lower : lower.substring(0, dash);
    }

    /** Folds a label or value to its comparable form. */
    public static String normalize(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
        if (n.indexOf('<') >= 0) {
            n = TAGS.matcher(n).replaceAll(" ");
        }
        n = n.replace("**", "").replace("__", "").replace('*', ' ').replace('\u2019', '\'').replace('\u00a0', ' ')
                .replace("\\", "");
        n = SPACE.matcher(n).replaceAll(" ").strip();
        while (n.endsWith(":") || n.endsWith("：")) {
            n = n.substring(0, n.length() - 1).strip();
        }
        return n.toLowerCase(Locale.ROOT);
    }
}
