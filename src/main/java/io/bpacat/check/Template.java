package io.bpacat.check;

import java.util.List;
import java.util.Map;
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
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            Object v = values != null && values.containsKey(key) ? values.get(key) : path(object, key);
            String text = text(v);
            m.appendReplacement(sb, Matcher.quoteReplacement(powershell ? text.replace("'", "''") : text));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static Object path(Map<String, ?> object, String path) {
        Object cur = object;
        for (String part : path.split("\\.")) {
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
