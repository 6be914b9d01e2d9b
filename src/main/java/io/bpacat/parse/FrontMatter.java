package io.bpacat.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The YAML front matter of a page: every key as written, plus the file line of each top-level key.
 *
 * @param values   all keys in file order (nested values as maps, lists, strings, numbers, booleans)
 * @param keyLines the 1-based file line of each top-level key
 */
public record FrontMatter(Map<String, Object> values, Map<String, Integer> keyLines) {
    public static final FrontMatter EMPTY = new FrontMatter(Map.of(), Map.of());

    public FrontMatter {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        keyLines = Map.copyOf(keyLines);
    }

    /** A scalar value as trimmed text; empty when absent, blank or not a scalar. */
    public Optional<String> text(String key) {
        Object v = values.get(key);
        if (v == null || v instanceof Map || v instanceof java.util.List) {
            return Optional.empty();
        }
        String s = String.valueOf(v).strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** The file line of a key, or 1 when unknown. */
    public int lineOf(String key) {
        return keyLines.getOrDefault(key, 1);
    }
}
