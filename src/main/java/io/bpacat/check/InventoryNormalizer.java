package io.bpacat.check;

import io.bpacat.diag.Diagnostics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Second half of reading an inventory: a value tree to an {@link Inventory}. Finds out what the document is (a
 * whole inventory keyed by collection, or the bare output of one cmdlet, named by the file name, a CSV
 * {@code #TYPE} line or its fields), wraps single objects into arrays, and normalizes every object with
 * {@link ValueNormalizer}. The algorithm is specified in {@code schemas/README.md}.
 */
public final class InventoryNormalizer {
    /** Top-level keys of an inventory document that are not collections. */
    static final Set<String> META = Set.of("$schema", "bpacatInventory", "CollectedAt", "ComputerName");

    private final InventoryModel model;
    private final ValueNormalizer values;

    public InventoryNormalizer(InventoryModel model) {
        this.model = model;
        this.values = new ValueNormalizer(model);
    }

    public InventoryNormalizer() {
        this(InventoryModel.standard());
    }

    /** Normalizes a read document; problems go to {@code diags}, naming the file. Empty when it is unusable. */
    public Optional<Inventory> normalize(InventoryReader.Raw raw, Diagnostics diags) {
        Object value = raw.value();
        Map<String, Object> document = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m && isInventory(m)) {
            m.forEach((k, v) -> document.put(String.valueOf(k), v));
        } else {
            Optional<InventoryModel.Collection> c = fragmentCollection(raw);
            if (c.isEmpty()) {
                diags.error(raw.file(), 0, 0, "INV007", "cannot tell which command wrote this file: it is neither an"
                                + " inventory (an object keyed by collection, such as \"VMHost\" and \"VM\") nor"
                                + " recognizable output of one cmdlet",
                        "name the file after the cmdlet (for example Get-VM.json), or wrap it as {\"VM\": ...}");
                return Optional.empty();
            }
            document.put(c.get().key(), value);
        }
        return Optional.of(build(raw.file(), document, raw.owned(), diags));
    }

    private boolean isInventory(Map<?, ?> m) {
        return m.containsKey("bpacatInventory") || m.keySet().stream().map(String::valueOf)
                .anyMatch(k -> model.collectionForKey(k).isPresent());
    }

    /** @param owned whether the document's objects may be normalized in place ({@link InventoryReader.Raw#owned}) */
    private Inventory build(String file, Map<String, Object> document, boolean owned, Diagnostics diags) {
        Map<String, List<Map<String, Object>>> collections = new TreeMap<>();
        IdentityHashMap<Object, Map<String, String>> leftOut = new IdentityHashMap<>();
        boolean[] plain = {true};
        String collectedAt = null;
        for (Map.Entry<String, Object> e : document.entrySet()) {
            String key = e.getKey();
            if (key.equals("CollectedAt")) {
                collectedAt = collectedAt(file, e.getValue(), diags);
                continue;
            }
            if (META.contains(key)) {
                continue;
            }
            Optional<InventoryModel.Collection> c = model.collectionForKey(key);
            if (c.isEmpty()) {
                diags.warning(file, 0, 0, "INV010", "unknown collection \"" + key + "\" ignored",
                        "see schemas/inventory.schema.json for the collections bpacat reads");
                continue;
            }
            if (collections.containsKey(c.get().key())) {
                diags.error(file, 0, 0, "INV011", "collection " + c.get().key() + " is given twice (as \"" + key
                        + "\" and under another name)", "keep one of them");
                continue;
            }
            collections.put(c.get().key(), collection(file, c.get(), e.getValue(), leftOut, plain, owned, diags));
        }
        return new Inventory(file, model, collectedAt, collections, leftOut, plain[0]);
    }

    private static String collectedAt(String file, Object v, Diagnostics diags) {
        if (v == null) {
            return null;
        }
        Instant i = v instanceof Number n ? Instant.ofEpochMilli(n.longValue())
                : ValueNormalizer.parseDate(String.valueOf(v).trim());
        if (i == null) {
            diags.warning(file, 0, 0, "INV012", "CollectedAt is not a date: \"" + v + "\"",
                    "write it as ISO 8601, e.g. 2026-01-31T12:00:00Z; rules that compare dates cannot evaluate");
            return null;
        }
        return ValueNormalizer.ISO_MILLIS.format(i);
    }

    /** @param plain its element is set to false when an object holds a value JSONata does not take as input */
    private List<Map<String, Object>> collection(String file, InventoryModel.Collection c, Object v,
                                                 IdentityHashMap<Object, Map<String, String>> leftOut,
                                                 boolean[] plain, boolean owned, Diagnostics diags) {
        List<?> items = v == null ? List.of() : v instanceof List<?> l ? l : List.of(v);
        if (c.single() && items.size() > 1) {
            diags.error(file, 0, 0, "INV013", c.key() + " holds " + items.size() + " objects; an inventory describes"
                    + " one host", "collect one inventory file per host; only the first object is used");
            items = items.subList(0, 1);
        }
        List<?> all = items;
        List<Normalized> normalized = IntStream.range(0, all.size()).parallel()
                .mapToObj(i -> all.get(i) instanceof Map<?, ?> m ? normalized(m, c.type(), owned) : null).toList();
        List<Map<String, Object>> out = new ArrayList<>(items.size());
        List<Map<String, String>> leftOutInOrder = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Normalized n = normalized.get(i);
            if (n == null) {
                diags.error(file, 0, 0, "INV014", c.key() + "[" + i + "] is not an object but "
                        + describe(items.get(i)) + "; it is skipped", "collect with ConvertTo-Json -Depth 4 or more");
                continue;
            }
            ValueNormalizer.Problems problems = problemsInto(file, c, n.leftOut(), reported, diags);
            n.unknownEnums().forEach(u -> problems.unknownEnum((String) u[0], (String) u[1], u[2]));
            if (!n.leftOut().isEmpty()) {
                leftOut.put(n.object(), n.leftOut());
                leftOutInOrder.add(n.leftOut());
            }
            out.add(n.object());
            plain[0] &= n.plain();
        }
        problemsSummary(file, c, leftOutInOrder, diags);
        return out;
    }

    /**
     * One object normalized, with the fields left out and the unknown enum values it met, in order, and whether
     * all its values are of types JSONata takes as input ({@link Inventory#plainJson()}).
     */
    private record Normalized(Map<String, Object> object, Map<String, String> leftOut, List<Object[]> unknownEnums,
                              boolean plain) {
    }

    /**
     * Normalizes one object on its own (objects are normalized in parallel); what it reports is replayed in object
     * order afterwards, so the diagnostics are the same as one object after the other.
     */
    private Normalized normalized(Map<?, ?> raw, String type, boolean owned) {
        Map<String, String> problems = new TreeMap<>();
        List<Object[]> enums = new ArrayList<>(0);
        Map<String, Object> obj = values.object(raw, type, owned, new ValueNormalizer.Problems() {
            @Override
            public void unreadable(String field, String reason) {
                problems.put(field, reason);
            }

            @Override
            public void unknownEnum(String field, String enumType, Object value) {
                enums.add(new Object[] {field, enumType, value});
            }
        });
        boolean plain = true;
        try {
            // a tree the reader built holds only plain values, and normalizing makes no others; any other tree is
            // checked here, while the object is fresh in the processor's cache and objects go in parallel
            if (!owned) {
                com.dashjoin.jsonata.Functions.validateInput(obj);
            }
        } catch (IllegalArgumentException e) {
            plain = false;
        }
        return new Normalized(obj, problems, enums, plain);
    }

    private static ValueNormalizer.Problems problemsInto(String file, InventoryModel.Collection c,
                                                         Map<String, String> problems, Set<String> reported,
                                                         Diagnostics diags) {
        return new ValueNormalizer.Problems() {
            @Override
            public void unreadable(String field, String reason) {
                problems.put(field, reason);
            }

            @Override
            public void unknownEnum(String field, String enumType, Object value) {
                if (reported.add("enum:" + field + "=" + value)) {
                    diags.warning(file, 0, 0, "INV015", c.key() + "." + field + ": " + value + " is not a known "
                            + enumType + " value; kept as written", "check the value against"
                            + " the Hyper-V module's " + enumType + " enum");
                }
            }
        };
    }

    /**
     * One info per collection and field left out, counting the objects, instead of one per object.
     *
     * @param leftOut the fields left out of each object that lost some, in object order
     */
    private static void problemsSummary(String file, InventoryModel.Collection c, List<Map<String, String>> leftOut,
                                        Diagnostics diags) {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, String> example = new TreeMap<>();
        for (Map<String, String> fields : leftOut) {
            fields.forEach((f, reason) -> {
                counts.merge(f, 1, Integer::sum);
                example.putIfAbsent(f, reason);
            });
        }
        counts.forEach((f, n) -> diags.info(file, 0, 0, "INV016", c.key() + "." + f + " left out of " + n
                + (n == 1 ? " object: " : " objects: ") + example.get(f),
                "rules that read it report 'cannot evaluate'"));
    }

    /** The collection a bare cmdlet output belongs to: by file name, CSV type line, then by its fields. */
    Optional<InventoryModel.Collection> fragmentCollection(InventoryReader.Raw raw) {
        String name = raw.file().replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        InventoryModel.Collection best = null;
        for (InventoryModel.Collection c : model.collections().values()) {
            String cmdlet = c.cmdlet().toLowerCase(Locale.ROOT);
            int at = name.indexOf(cmdlet);
            boolean bounded = at >= 0 && (at + cmdlet.length() == name.length()
                    || !Character.isLetterOrDigit(name.charAt(at + cmdlet.length())));
            if (bounded && cmdlet.startsWith("get-") && (best == null || cmdlet.length() > best.cmdlet().length())) {
                best = c;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        if (raw.csvType() != null) {
            String type = raw.csvType().substring(raw.csvType().lastIndexOf('.') + 1);
            Optional<InventoryModel.Collection> byType = model.collections().values().stream()
                    .filter(c -> c.type().equals(type)).findFirst();
            if (byType.isPresent()) {
                return byType;
            }
        }
        return byFields(raw.value());
    }

    /** The collection whose type shares the most fields with the first object (Jaccard index at least 0.3). */
    private Optional<InventoryModel.Collection> byFields(Object value) {
        Object first = value instanceof List<?> l && !l.isEmpty() ? l.get(0) : value;
        if (!(first instanceof Map<?, ?> m) || m.isEmpty()) {
            return Optional.empty();
        }
        Set<String> keys = new HashSet<>();
        m.keySet().forEach(k -> keys.add(String.valueOf(k)));
        InventoryModel.Collection best = null;
        double bestScore = 0;
        double second = 0;
        for (InventoryModel.Collection c : model.collections().values()) {
            Set<String> fields = model.fields(c.type()).keySet();
            long common = keys.stream().filter(fields::contains).count();
            double score = common / (double) (keys.size() + fields.size() - common);
            if (score > bestScore) {
                second = bestScore;
                bestScore = score;
                best = c;
            } else if (score > second) {
                second = score;
            }
        }
        return bestScore >= 0.3 && bestScore - second >= 0.05 ? Optional.of(best) : Optional.empty();
    }

    private static String describe(Object v) {
        return v instanceof List ? "an array" : v instanceof String s ? "the string \"" + (s.length() > 60
                ? s.substring(0, 60) + "…" : s) + "\"" : String.valueOf(v);
    }
}
