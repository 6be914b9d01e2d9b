package io.bpacat.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The data that drives normalization: every collection an inventory may hold (with the command that writes it),
 * the field types of every object type, the enums, and the links between collections. Loaded from
 * {@code inventory-model.json}, the same file the browser validator reads.
 */
public final class InventoryModel {
    /**
     * One top-level collection of an inventory; {@code pathFields} are the fields holding a file system path, whose
     * roots ({@link PathRoot}) {@code $related.roots} gives.
     */
    public record Collection(String key, String command, String type, boolean single, String display,
                             Map<String, Link> links, List<String> pathFields, String source,
                             Map<String, String> addedFields) {
        /** The cmdlet whose name identifies a bare output file of this collection, e.g. Get-VMHardDiskDrive. */
        public String cmdlet() {
            String[] stages = command.split("\\|");
            String last = stages[stages.length - 1].trim();
            int sp = last.indexOf(' ');
            return sp < 0 ? last : last.substring(0, sp);
        }
    }

    /** How an object of a collection names its key for a link kind (vm, vhd, switch, san). */
    public record Link(String idField, String nameField) {
    }

    /** Objects of {@code collection} inherit {@code link} keys from the {@code via} objects that share {@code on}. */
    public record DerivedLink(String collection, String link, String via, String on) {
    }

    private static final InventoryModel STANDARD = load();

    private final Map<String, Collection> collections;
    private final Map<String, Map<String, String>> types;
    private final Map<String, Map<String, Long>> enums;
    private final Map<String, Map<Long, String>> enumNames;
    private final List<DerivedLink> derivedLinks;
    private final String json;

    private InventoryModel(Map<String, Collection> collections, Map<String, Map<String, String>> types,
                           Map<String, Map<String, Long>> enums, List<DerivedLink> derivedLinks, String json) {
        this.collections = collections;
        this.types = types;
        this.enums = enums;
        this.derivedLinks = derivedLinks;
        this.json = json;
        Map<String, Map<Long, String>> names = new LinkedHashMap<>();
        Map<String, Map<String, String>> byLowerCase = new LinkedHashMap<>();
        enums.forEach((e, values) -> {
            Map<Long, String> byValue = new LinkedHashMap<>();
            Map<String, String> lower = new java.util.HashMap<>();
            values.forEach((n, v) -> {
                byValue.putIfAbsent(v, n);
                lower.putIfAbsent(n.toLowerCase(Locale.ROOT), n);
            });
            names.put(e, byValue);
            byLowerCase.put(e, lower);
        });
        this.enumNames = names;
        this.enumNamesByLowerCase = byLowerCase;
    }

    /** Per enum type, each member's name in lower case to its declared spelling (the first declared, for twins). */
    private final Map<String, Map<String, String>> enumNamesByLowerCase;

    /** The model shipped with bpacat. */
    public static InventoryModel standard() {
        return STANDARD;
    }

    private static InventoryModel load() {
        try (InputStream in = InventoryModel.class.getResourceAsStream("inventory-model.json")) {
            String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return parse(json);
        } catch (IOException e) {
            throw new UncheckedIOException("inventory-model.json missing from the jar", e);
        }
    }

    static InventoryModel parse(String json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        Map<String, Collection> cols = new LinkedHashMap<>();
        root.get("collections").fields().forEachRemaining(e -> cols.put(e.getKey(), collection(e.getKey(),
                e.getValue())));
        Map<String, Map<String, String>> types = new LinkedHashMap<>();
        root.get("types").fields().forEachRemaining(e -> {
            Map<String, String> fields = new LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
            types.put(e.getKey(), Collections.unmodifiableMap(fields));
        });
        Map<String, Map<String, Long>> enums = new LinkedHashMap<>();
        root.get("enums").fields().forEachRemaining(e -> {
            Map<String, Long> values = new LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(f -> values.put(f.getKey(), f.getValue().asLong()));
            enums.put(e.getKey(), Collections.unmodifiableMap(values));
        });
        List<DerivedLink> derived = new ArrayList<>();
        root.path("derivedLinks").forEach(d -> derived.add(new DerivedLink(d.get("collection").asText(),
                d.get("link").asText(), d.get("via").asText(), d.get("on").asText())));
        return new InventoryModel(Collections.unmodifiableMap(cols), Collections.unmodifiableMap(types),
                Collections.unmodifiableMap(enums), List.copyOf(derived), json);
    }

    private static Collection collection(String key, JsonNode n) {
        Map<String, Link> links = new TreeMap<>();
        n.path("links").fields().forEachRemaining(l -> links.put(l.getKey(), new Link(l.getValue().get("id").asText(),
                l.getValue().path("name").asText(null))));
        Map<String, String> added = new TreeMap<>();
        n.path("addedFields").fields().forEachRemaining(a -> added.put(a.getKey(), a.getValue().asText()));
        List<String> paths = new ArrayList<>();
        n.path("pathFields").forEach(f -> paths.add(f.asText()));
        return new Collection(key, n.get("command").asText(), n.get("type").asText(),
                "one".equals(n.path("cardinality").asText()), n.path("display").asText("{{Name}}"),
                Collections.unmodifiableMap(links), List.copyOf(paths), n.path("source").asText(null),
                Collections.unmodifiableMap(added));
    }

    public Map<String, Collection> collections() {
        return collections;
    }

    public Optional<Collection> collection(String key) {
        return Optional.ofNullable(collections.get(key));
    }

    /** The collection named by a top-level key: its own name, or its cmdlet (Get-VM), case-insensitively. */
    public Optional<Collection> collectionForKey(String key) {
        for (Collection c : collections.values()) {
            if (c.key().equalsIgnoreCase(key) || c.cmdlet().equalsIgnoreCase(key)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Field kinds of a type: string, number, boolean, guid, date, timespan, version, object, enum:X, type:X, K[]. */
    public Map<String, String> fields(String type) {
        return types.getOrDefault(type, Map.of());
    }

    public boolean hasType(String type) {
        return types.containsKey(type);
    }

    /** The enum member called {@code name}, case-insensitively, in its declared spelling. */
    public Optional<String> enumName(String enumType, String name) {
        Map<String, String> names = enumNamesByLowerCase.get(enumType);
        return names == null ? Optional.empty() : Optional.ofNullable(names.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The first-declared name of the enum member with value {@code value}. */
    public Optional<String> enumName(String enumType, long value) {
        Map<Long, String> byValue = enumNames.get(enumType);
        return byValue == null ? Optional.empty() : Optional.ofNullable(byValue.get(value));
    }

    public List<DerivedLink> derivedLinks() {
        return derivedLinks;
    }

    /** The model as JSON text, for bundling with the site. */
    public String json() {
        return json;
    }
}
