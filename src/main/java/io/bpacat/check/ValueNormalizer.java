package io.bpacat.check;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalizes one object by its type in the {@link InventoryModel}, field by field (the algorithm is specified in
 * {@code schemas/README.md}, section "Normalization"). Values that cannot be read, and objects that
 * {@code ConvertTo-Json -Depth} collapsed into strings, are left out and reported through {@link Problems}.
 */
final class ValueNormalizer {
    /** Receives the fields left out of an object, and unknown enum values kept as written. */
    interface Problems {
        void unreadable(String field, String reason);

        void unknownEnum(String field, String enumType, Object value);
    }

    static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern MS_DATE = Pattern.compile("^\\\\?/Date\\((-?\\d+)([+-]\\d{4})?\\)\\\\?/$");
    private static final Pattern US_DATE = Pattern.compile(
            "^(\\d{1,2})/(\\d{1,2})/(\\d{4})(?: (\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?: ?([AaPp][Mm]))?)?$");
    private static final Pattern DOT_DATE = Pattern.compile(
            "^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})(?: (\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?$");
    private static final Pattern TIMESPAN = Pattern.compile(
            "^(-)?(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,7}))?$");
    private static final Pattern ISO_DURATION = Pattern.compile(
            "^P(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?$");
    private static final Pattern TYPE_NAME = Pattern.compile(
            "^[A-Za-z_][\\w`]*(\\.[A-Za-z_][\\w`]*)+(\\[[^\\]]*\\])*$");

    private final InventoryModel model;

    ValueNormalizer(InventoryModel model) {
        this.model = model;
    }

    /** A normalized copy of {@code raw} read as an object of {@code type}. */
    Map<String, Object> object(Map<?, ?> raw, String type, Problems problems) {
        return object(raw, type, false, problems);
    }

    /**
     * {@code raw} read as an object of {@code type}, normalized.
     *
     * @param owned whether nothing else sees {@code raw} ({@link InventoryReader.Raw#owned}): then its maps and lists
     *              are normalized in place where their keys are already as the model spells them, which gives the
     *              same values as a copy without building every object a second time
     */
    Map<String, Object> object(Map<?, ?> raw, String type, boolean owned, Problems problems) {
        Map<String, String> fields = model.fields(type);
        if (owned && raw instanceof LinkedHashMap<?, ?> && canonicalKeys(type, fields, raw)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) raw;
            return inPlace(m, fields, problems);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            String key = canonicalKey(fields, String.valueOf(e.getKey()));
            String kind = fields.get(key);
            Object v = e.getValue();
            if (kind == null || v == null) {
                out.put(key, copy(v, owned));
                continue;
            }
            Result r = value(v, kind, key, owned, problems);
            if (r.ok) {
                out.put(key, r.value);
            } else {
                problems.unreadable(key, r.reason);
            }
        }
        return out;
    }

    /** {@code m} normalized where it is: values replaced, unreadable fields removed, the order kept. */
    private Map<String, Object> inPlace(Map<String, Object> m, Map<String, String> fields, Problems problems) {
        for (Iterator<Map.Entry<String, Object>> it = m.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Object> e = it.next();
            String kind = fields.get(e.getKey());
            Object v = e.getValue();
            if (kind == null || v == null) {
                e.setValue(copy(v, true));
                continue;
            }
            Result r = value(v, kind, e.getKey(), true, problems);
            if (r.ok) {
                e.setValue(r.value);
            } else {
                problems.unreadable(e.getKey(), r.reason);
                it.remove();
            }
        }
        return m;
    }

    /** Whether every key of {@code raw} is a string spelled as {@link #canonicalKey} gives it. */
    private boolean canonicalKeys(String type, Map<String, String> fields, Map<?, ?> raw) {
        Map<String, Boolean> known = canonicalByType.computeIfAbsent(type, t -> new ConcurrentHashMap<>());
        for (Object k : raw.keySet()) {
            if (!(k instanceof String key)) {
                return false;
            }
            Boolean canonical = known.get(key);
            if (canonical == null) {
                canonical = canonicalKey(fields, key).equals(key);
                known.put(key, canonical);
            }
            if (!canonical) {
                return false;
            }
        }
        return true;
    }

    /**
     * Per type, whether a key is spelled as the model spells it (or is not in the model), for the keys met so far:
     * objects of a type mostly share their keys, and a key not in the model is otherwise compared with every field.
     */
    private final Map<String, Map<String, Boolean>> canonicalByType = new ConcurrentHashMap<>();

    /** PowerShell property names are case-insensitive: a field written as MaximumIops is MaximumIOPS. */
    private static String canonicalKey(Map<String, String> fields, String key) {
        if (fields.containsKey(key)) {
            return key;
        }
        for (String f : fields.keySet()) {
            if (f.equalsIgnoreCase(key)) {
                return f;
            }
        }
        return key;
    }

    private record Result(boolean ok, Object value, String reason) {
        static Result of(Object v) {
            return new Result(true, v, null);
        }

        static Result bad(String reason) {
            return new Result(false, null, reason);
        }
    }

    private Result value(Object v, String kind, String field, boolean owned, Problems problems) {
        if (v == null) {
            return Result.of(null);
        }
        if (kind.endsWith("[]")) {
            return array(v, kind.substring(0, kind.length() - 2), field, owned, problems);
        }
        if (v instanceof String s && s.isEmpty() && !kind.equals("string")) {
            return Result.of(null);
        }
        if (kind.startsWith("enum:")) {
            return enumValue(v, kind.substring(5), field, problems);
        }
        if (kind.startsWith("type:")) {
            if (v instanceof Map<?, ?> m) {
                return Result.of(object(m, kind.substring(5), owned, nested(field, problems)));
            }
            if (v instanceof String s) {
                return Result.bad(collapsed(s));
            }
            return Result.of(copy(v, owned));
        }
        return switch (kind) {
            case "number" -> number(v);
            case "boolean" -> bool(v);
            case "guid" -> v instanceof String s ? Result.of(s.toLowerCase(Locale.ROOT)) : Result.of(copy(v, owned));
            case "date" -> date(v);
            case "timespan" -> timespan(v);
            case "version" -> version(v);
            case "object" -> v instanceof String s && TYPE_NAME.matcher(s).matches() && s.contains(".")
                    ? Result.bad(collapsed(s)) : Result.of(copy(v, owned));
            default -> Result.of(copy(v, owned));
        };
    }

    private static String collapsed(String s) {
        String shown = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return "collapsed to the string \"" + shown + "\" (collect with ConvertTo-Json -Depth 4 or more)";
    }

    private static Problems nested(String field, Problems outer) {
        return new Problems() {
            @Override
            public void unreadable(String inner, String reason) {
                outer.unreadable(field + "." + inner, reason);
            }

            @Override
            public void unknownEnum(String inner, String enumType, Object value) {
                outer.unknownEnum(field + "." + inner, enumType, value);
            }
        };
    }

    private Result array(Object v, String element, String field, boolean owned, Problems problems) {
        boolean objects = element.startsWith("type:") || element.equals("object");
        if (v instanceof String s && objects) {
            return Result.bad(collapsed(s));
        }
        List<?> items = v instanceof List<?> l ? l : List.of(v);
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof String s && element.startsWith("type:")) {
                return Result.bad(collapsed(s));
            }
            Result r = value(item, element, field, owned, problems);
            if (!r.ok) {
                return r;
            }
            out.add(r.value);
        }
        return Result.of(out);
    }

    private Result enumValue(Object v, String enumType, String field, Problems problems) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            long value = n.longValue();
            return model.enumName(enumType, value).map(Result::of).orElseGet(() -> {
                problems.unknownEnum(field, enumType, value);
                return Result.of(value);
            });
        }
        if (v instanceof String s) {
            String t = s.trim();
            if (t.matches("-?\\d+")) {
                return enumValue(Long.parseLong(t), enumType, field, problems);
            }
            return model.enumName(enumType, t).map(Result::of).orElseGet(() -> {
                problems.unknownEnum(field, enumType, t);
                return Result.of(t);
            });
        }
        if (v instanceof Map<?, ?> m && m.containsKey("value__")) {
            return enumValue(m.get("value__"), enumType, field, problems);
        }
        return Result.bad("not a value of " + enumType + ": " + v);
    }

    private static Result number(Object v) {
        if (v instanceof Number n) {
            return Result.of(Numbers.canonical(n));
        }
        if (v instanceof String s) {
            try {
                double d = Double.parseDouble(s.trim());
                if (!Double.isNaN(d) && !Double.isInfinite(d)) {
                    return Result.of(s.trim().matches("-?\\d{1,18}") ? (Object) Long.parseLong(s.trim())
                            : Numbers.canonical(d));
                }
            } catch (NumberFormatException e) {
                // falls through to the problem below
            }
            return Result.bad("not a number: \"" + s + "\"");
        }
        if (v instanceof Boolean b) {
            return Result.of(b ? 1L : 0L);
        }
        return Result.bad("not a number: " + describe(v));
    }

    private static Result bool(Object v) {
        if (v instanceof Boolean) {
            return Result.of(v);
        }
        if (v instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("1")) {
                return Result.of(true);
            }
            if (t.equals("false") || t.equals("0")) {
                return Result.of(false);
            }
            return Result.bad("not a boolean: \"" + s + "\"");
        }
        if (v instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
            return Result.of(n.doubleValue() == 1);
        }
        return Result.bad("not a boolean: " + describe(v));
    }

    static Result date(Object v) {
        if (v instanceof Map<?, ?> m && m.containsKey("value")) {
            return date(m.get("value"));
        }
        if (v instanceof Number n) {
            return Result.of(ISO_MILLIS.format(Instant.ofEpochMilli(n.longValue())));
        }
        if (!(v instanceof String s)) {
            return Result.bad("not a date: " + describe(v));
        }
        Instant i = parseDate(s.trim());
        return i == null ? Result.bad("not a date: \"" + s + "\"") : Result.of(ISO_MILLIS.format(i));
    }

    /** The instant a date string denotes, or null. Dates without an offset are read as UTC. */
    static Instant parseDate(String s) {
        Matcher m = MS_DATE.matcher(s);
        if (m.matches()) {
            return Instant.ofEpochMilli(Long.parseLong(m.group(1)));
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // try the forms below
        }
        try {
            return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try the forms below
        }
        try {
            return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try the forms below
        }
        m = US_DATE.matcher(s);
        if (m.matches()) {
            int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            if (m.group(7) != null) {
                boolean pm = m.group(7).toLowerCase(Locale.ROOT).startsWith("p");
                hour = hour % 12 + (pm ? 12 : 0);
            }
            return at(m.group(3), m.group(1), m.group(2), hour, m.group(5), m.group(6));
        }
        m = DOT_DATE.matcher(s);
        if (m.matches()) {
            int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            return at(m.group(3), m.group(2), m.group(1), hour, m.group(5), m.group(6));
        }
        return null;
    }

    private static Instant at(String y, String mo, String d, int h, String mi, String sec) {
        try {
            return LocalDateTime.of(Integer.parseInt(y), Integer.parseInt(mo), Integer.parseInt(d), h,
                    mi == null ? 0 : Integer.parseInt(mi), sec == null ? 0 : Integer.parseInt(sec))
                    .toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    static Result timespan(Object v) {
        if (v instanceof Map<?, ?> m) {
            if (m.get("Ticks") instanceof Number t) {
                return Result.of(timespanOf(t.longValue()));
            }
            if (m.get("TotalMilliseconds") instanceof Number ms) {
                return Result.of(timespanOf(Math.round(ms.doubleValue() * 10_000)));
            }
            return Result.bad("a time span without Ticks or TotalMilliseconds");
        }
        if (v instanceof String s) {
            Matcher m = TIMESPAN.matcher(s.trim());
            if (m.matches()) {
                long days = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
                long seconds = ((days * 24 + Long.parseLong(m.group(3))) * 60 + Long.parseLong(m.group(4))) * 60
                        + Long.parseLong(m.group(5));
                String frac = m.group(6) == null ? "0" : (m.group(6) + "000000").substring(0, 7);
                long ticks = seconds * 10_000_000L + Long.parseLong(frac);
                return Result.of(timespanOf(m.group(1) == null ? ticks : -ticks));
            }
            m = ISO_DURATION.matcher(s.trim());
            if (m.matches() && s.trim().length() > 1) {
                double seconds = num(m.group(1)) * 86400 + num(m.group(2)) * 3600 + num(m.group(3)) * 60
                        + num(m.group(4));
                return Result.of(timespanOf(Math.round(seconds * 10_000_000L)));
            }
        }
        return Result.bad("not a time span: " + describe(v));
    }

    private static double num(String s) {
        return s == null ? 0 : Double.parseDouble(s);
    }

    /** The shape ConvertTo-Json gives a TimeSpan, computed from its ticks. */
    static Map<String, Object> timespanOf(long ticks) {
        Map<String, Object> m = new LinkedHashMap<>();
        long totalMs = ticks / 10_000;
        m.put("Ticks", ticks);
        m.put("Days", ticks / 864_000_000_000L);
        m.put("Hours", (ticks / 36_000_000_000L) % 24);
        m.put("Milliseconds", totalMs % 1000);
        m.put("Minutes", (ticks / 600_000_000L) % 60);
        m.put("Seconds", (ticks / 10_000_000L) % 60);
        m.put("TotalDays", Numbers.canonical(ticks / 864_000_000_000.0));
        m.put("TotalHours", Numbers.canonical(ticks / 36_000_000_000.0));
        m.put("TotalMilliseconds", Numbers.canonical(ticks / 10_000.0));
        m.put("TotalMinutes", Numbers.canonical(ticks / 600_000_000.0));
        m.put("TotalSeconds", Numbers.canonical(ticks / 10_000_000.0));
        return m;
    }

    private static Result version(Object v) {
        if (v instanceof Map<?, ?> m && m.get("Major") instanceof Number major) {
            StringBuilder sb = new StringBuilder().append(major.longValue());
            for (String part : new String[] {"Minor", "Build", "Revision"}) {
                if (m.get(part) instanceof Number n && n.longValue() >= 0) {
                    sb.append('.').append(n.longValue());
                }
            }
            return Result.of(sb.toString());
        }
        if (v instanceof String || v instanceof Number) {
            return Result.of(String.valueOf(v));
        }
        return Result.bad("not a version: " + describe(v));
    }

    private static String describe(Object v) {
        return v instanceof Map ? "an object" : v instanceof List ? "an array" : String.valueOf(v);
    }

    /** A deep copy of an untyped value, so normalized data never shares structure with the raw tree. */
    static Object copy(Object v) {
        return copy(v, false);
    }

    /**
     * An untyped value with its numbers canonical: a deep copy, or with {@code owned} ({@link #object(Map, String,
     * boolean, Problems)}) the value itself where it is a map with string keys or an array list, changed in place.
     */
    static Object copy(Object v, boolean owned) {
        if (owned && v instanceof LinkedHashMap<?, ?> m && m.keySet().stream().allMatch(k -> k instanceof String)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> same = (Map<String, Object>) m;
            same.replaceAll((k, x) -> copy(x, true));
            return same;
        }
        if (owned && v instanceof ArrayList<?>) {
            @SuppressWarnings("unchecked")
            List<Object> same = (List<Object>) v;
            same.replaceAll(x -> copy(x, true));
            return same;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), copy(x, owned)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(copy(x, owned)));
            return out;
        }
        if (v instanceof Number n) {
            return Numbers.canonical(n);
        }
        return v;
    }
}
