package io.bpacat.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{name}}} placeholders: a computed value, else a field path of the object ({@code Name},
 * {@code VlanSetting.OperationMode}). Arrays are joined with ", "; numbers are written without exponent and with
 * at most two decimals; a missing value is written as "?". For PowerShell, values are placed inside single quotes
 * by the template itself, so a single quote in a value is doubled.
 */
public final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");

    private Template() {
    }

    public static String render(String template, Map<String, ?> object, Map<String, ?> values, boolean powershell) {
        if (template == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Part p : parts(template)) {
            if (p.key() == null) {
                sb.append(p.literal());
                continue;
            }
            Object v = values != null && values.containsKey(p.key()) ? values.get(p.key()) : path(object, p.path());
            String text = text(v);
            sb.append(powershell ? text.replace("'", "''") : text);
        }
        return sb.toString();
    }

    /** A piece of a template: literal text, or a placeholder's key and its field path. */
    private record Part(String literal, String key, String[] path) {
    }

    /** Templates split into parts once: a checker's message is filled for thousands of objects. */
    private static final Map<String, List<Part>> PARSED = new ConcurrentHashMap<>();
    private static final int MAX_PARSED = 10_000;

    private static List<Part> parts(String template) {
        List<Part> parts = PARSED.get(template);
        if (parts == null) {
            parts = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(template);
            int last = 0;
            while (m.find()) {
                if (m.start() > last) {
                    parts.add(new Part(template.substring(last, m.start()), null, null));
                }
                parts.add(new Part(null, m.group(1), m.group(1).split("\\.")));
                last = m.end();
            }
            if (last < template.length()) {
                parts.add(new Part(template.substring(last), null, null));
            }
            parts = List.copyOf(parts);
            if (PARSED.size() < MAX_PARSED) {
                PARSED.put(template, parts);
            }
        }
        return parts;
    }

    static Object path(Map<String, ?> object, String path) {
        return path(object, path.split("\\."));
    }

    private static Object path(Map<String, ?> object, String[] path) {
        Object cur = object;
        for (String part : path) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(part);
        }
        return cur;
    }

    static String text(Object v) {
        if (v == null) {
            return "?";
        }
        if (v instanceof Number n) {
            return Numbers.format(n);
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder();
            for (Object x : l) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(text(x));
            }
            return sb.toString();
        }
        if (v instanceof Map) {
            return "{…}";
        }
        return String.valueOf(v);
    }
}
