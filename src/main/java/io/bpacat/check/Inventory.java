package io.bpacat.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * A normalized inventory: the collections present (a collection that is absent was not collected, which is not
 * the same as empty), the fields left out of each object and why, and the links between objects
 * ({@link #related}). Immutable once built; the link index is built on first use.
 */
public final class Inventory {
    private final String file;
    private final InventoryModel model;
    private final String collectedAt;
    private final Map<String, List<Map<String, Object>>> collections;
    private final IdentityHashMap<Object, Map<String, String>> leftOut;
    private final IdentityHashMap<Object, String> collectionOf = new IdentityHashMap<>();
    private final IdentityHashMap<Object, Integer> position = new IdentityHashMap<>();
    private Map<String, Object> asData;
    private final Long collectedMillis;
    private final Map<String, List<String>> displayNames = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Boolean plainJson;

    Inventory(String file, InventoryModel model, String collectedAt,
              Map<String, List<Map<String, Object>>> collections, IdentityHashMap<Object, Map<String, String>> leftOut) {
        this.file = file;
        this.model = model;
        this.collectedAt = collectedAt;
        this.collections = Collections.unmodifiableMap(collections);
        this.leftOut = leftOut;
        collections.forEach((c, objects) -> {
            for (int i = 0; i < objects.size(); i++) {
                collectionOf.put(objects.get(i), c);
                position.put(objects.get(i), i);
            }
        });
        this.collectedMillis = collectedAt == null ? null : Instant.parse(collectedAt).toEpochMilli();
    }

    public String file() {
        return file;
    }

    public InventoryModel model() {
        return model;
    }

    /** When the inventory was collected (ISO 8601, UTC), or null when it does not say. */
    public String collectedAt() {
        return collectedAt;
    }

    public Long collectedMillis() {
        return collectedMillis;
    }

    /**
     * The display names of a collection's objects, in order: the collection's display template filled from the
     * object, or {@code Collection[index]} when that gives nothing. Computed once per collection.
     */
    public List<String> displayNames(String collection) {
        return displayNames.computeIfAbsent(collection, c -> {
            String display = model.collection(c).map(InventoryModel.Collection::display).orElse(null);
            List<Map<String, Object>> objects = objects(c);
            List<String> names = new ArrayList<>(objects.size());
            for (int i = 0; i < objects.size(); i++) {
                String name = Template.render(display, objects.get(i), null, false);
                names.add(name.isBlank() || name.equals("?") ? c + "[" + i + "]" : name);
            }
            return List.copyOf(names);
        });
    }

    /**
     * True when every value is of a type JSONata takes as input (maps, lists, strings, numbers, booleans, null):
     * then expressions need not check their input again on every evaluation. Checked once.
     */
    public boolean plainJson() {
        if (plainJson == null) {
            boolean ok = true;
            try {
                for (List<Map<String, Object>> objects : collections.values()) {
                    com.dashjoin.jsonata.Functions.validateInput(objects);
                }
            } catch (IllegalArgumentException e) {
                ok = false;
            }
            plainJson = ok;
        }
        return plainJson;
    }

    /** True when the inventory holds this collection, even empty. */
    public boolean has(String collection) {
        return collections.containsKey(collection);
    }

    public List<Map<String, Object>> objects(String collection) {
        return collections.getOrDefault(collection, List.of());
    }

    public Set<String> collectionNames() {
        return collections.keySet();
    }

    /** Fields left out of an object (collapsed by -Depth, or unreadable), with the reason. */
    public Map<String, String> leftOut(Object object) {
        return leftOut.getOrDefault(object, Map.of());
    }

    /** The inventory as JSONata sees it ({@code $inventory}): single-object collections as the object itself. */
    public synchronized Map<String, Object> asData() {
        if (asData == null) {
            Map<String, Object> m = new LinkedHashMap<>();
            collections.forEach((k, v) -> m.put(k, single(k) ? (v.isEmpty() ? null : v.get(0)) : v));
            asData = Collections.unmodifiableMap(m);
        }
        return asData;
    }

    private boolean single(String collection) {
        return model.collection(collection).map(InventoryModel.Collection::single).orElse(false);
    }

    /**
     * The objects linked to {@code object} ({@code $related}): for every link kind its collection has (vm, vhd,
     * switch, san), the objects of other collections with the same key, by collection name. An object with an id
     * (VMId, Id) matches by id, and by name only objects that have no id; an object without an id matches by name.
     * Under {@value #ROOTS}, the roots of the path fields of the object and of its linked objects.
     */
    public Map<String, Object> related(Object object) {
        String collection = collectionOf.get(object);
        return collection == null ? Map.of() : related(collection).get(position.get(object));
    }

    /**
     * {@link #related(Object)} of every object of a collection, in order. Computed once per collection (in
     * parallel), then a read-only lookup safe across threads.
     */
    public List<Map<String, Object>> related(String collection) {
        List<Map<String, Object>> r = relatedByCollection.get(collection);
        if (r != null) {
            return r;
        }
        Map<String, Map<String, Map<String, List<Map<String, Object>>>>> idx = index();
        List<Map<String, Object>> objects = objects(collection);
        List<Map<String, Object>> computed = IntStream.range(0, objects.size()).parallel()
                .mapToObj(i -> computeRelated(idx, collection, objects.get(i))).toList();
        relatedByCollection.putIfAbsent(collection, computed);
        return relatedByCollection.get(collection);
    }

    /** Computes the links of every object once. */
    public void prepareLinks() {
        asData();
        collections.keySet().forEach(this::related);
    }

    private final Map<String, List<Map<String, Object>>> relatedByCollection = new ConcurrentHashMap<>();
    private volatile Map<String, Map<String, Map<String, List<Map<String, Object>>>>> index;

    private synchronized Map<String, Map<String, Map<String, List<Map<String, Object>>>>> index() {
        if (index == null) {
            index = buildIndex();
        }
        return index;
    }

    private Map<String, Object> computeRelated(Map<String, Map<String, Map<String, List<Map<String, Object>>>>> index,
                                               String own, Object object) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, Keys> myKeys = objectKeys.getOrDefault(object, Map.of());
        for (String link : links(own)) {
            Keys mine = myKeys.get(link);
            Map<String, Map<String, List<Map<String, Object>>>> byKey = index.get(link);
            if (mine == null || byKey == null) {
                continue;
            }
            for (String key : mine.all()) {
                Map<String, List<Map<String, Object>>> byCollection = byKey.get(key);
                if (byCollection == null) {
                    continue;
                }
                boolean idsOnlyByName = mine.id() != null && key.startsWith("name:");
                byCollection.forEach((c, objs) -> {
                    if (c.equals(own)) {
                        return;
                    }
                    List<Map<String, Object>> list = out.computeIfAbsent(c, k -> new ArrayList<>());
                    for (Map<String, Object> o : objs) {
                        if (idsOnlyByName && objectKeys.get(o).get(link).id() != null) {
                            continue;
                        }
                        if (seen.add(o)) {
                            list.add(o);
                        }
                    }
                });
            }
        }
        Map<String, Object> roots = roots(own, object, out);
        if (out.isEmpty() && roots == null) {
            return Map.of();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        out.forEach((c, l) -> result.put(c, List.copyOf(l)));
        if (roots != null) {
            result.put(ROOTS, roots);
        }
        return Collections.unmodifiableMap(result);
    }

    /** The key of {@code $related} that holds the roots of paths. */
    static final String ROOTS = "roots";

    /**
     * {@code $related.roots}: the root ({@link PathRoot}) of each path field the object has, then for each linked
     * collection with path fields, the roots of its linked objects' path fields, in the order of their list; null
     * when there are none.
     */
    private Map<String, Object> roots(String own, Object object, Map<String, List<Map<String, Object>>> linked) {
        Map<String, Object> roots = new LinkedHashMap<>();
        if (object instanceof Map<?, ?> m) {
            rootsOf(own, m, roots);
        }
        linked.forEach((c, objects) -> {
            if (!pathFields(c).isEmpty()) {
                List<Map<String, Object>> list = new ArrayList<>(objects.size());
                for (Map<String, Object> o : objects) {
                    list.add(Collections.unmodifiableMap(rootsOf(c, o, new LinkedHashMap<>())));
                }
                roots.put(c, Collections.unmodifiableList(list));
            }
        });
        return roots.isEmpty() ? null : Collections.unmodifiableMap(roots);
    }

    private Map<String, Object> rootsOf(String collection, Map<?, ?> object, Map<String, Object> into) {
        for (String f : pathFields(collection)) {
            if (object.containsKey(f)) {
                into.put(f, PathRoot.of(object.get(f)));
            }
        }
        return into;
    }

    private List<String> pathFields(String collection) {
        return model.collection(collection).map(InventoryModel.Collection::pathFields).orElse(List.of());
    }

    private final IdentityHashMap<Object, Map<String, Set<String>>> derivedKeys = new IdentityHashMap<>();
    /** Each object's keys, by link kind; built with the index. */
    private final IdentityHashMap<Object, Map<String, Keys>> objectKeys = new IdentityHashMap<>();
    private final Map<String, Set<String>> linksByCollection = new ConcurrentHashMap<>();

    /** Link kinds of a collection: its own and those it derives. */
    private Set<String> links(String collection) {
        return linksByCollection.computeIfAbsent(collection, k -> {
            Set<String> links = new LinkedHashSet<>(model.collection(collection).map(x -> x.links().keySet())
                    .orElse(Set.of()));
            model.derivedLinks().stream().filter(d -> d.collection().equals(collection))
                    .forEach(d -> links.add(d.link()));
            return links;
        });
    }

    /**
     * An object's keys for one link kind, lower-case: id, name, and keys derived through another collection;
     * {@code all} holds them in lookup order (derived, id, name), each once.
     */
    private record Keys(String id, String name, Set<String> derived, List<String> all) {
        Keys(String id, String name, Set<String> derived) {
            this(id, name, derived, allOf(id, name, derived));
        }

        private static List<String> allOf(String id, String name, Set<String> derived) {
            Set<String> s = new LinkedHashSet<>(derived);
            if (id != null) {
                s.add(id);
            }
            if (name != null) {
                s.add(name);
            }
            return List.copyOf(s);
        }
    }

    private Keys keys(String collection, String link, Object object) {
        String id = null;
        String name = null;
        InventoryModel.Link l = model.collection(collection).map(c -> c.links().get(link)).orElse(null);
        if (l != null && object instanceof Map<?, ?> m) {
            Object idValue = m.get(l.idField());
            if (idValue != null && !String.valueOf(idValue).isEmpty()) {
                id = "id:" + String.valueOf(idValue).toLowerCase(Locale.ROOT);
            }
            Object nameValue = l.nameField() == null ? null : m.get(l.nameField());
            if (nameValue != null && !String.valueOf(nameValue).isEmpty()) {
                name = "name:" + String.valueOf(nameValue).toLowerCase(Locale.ROOT);
            }
        }
        return new Keys(id, name, derivedKeys.getOrDefault(object, Map.of()).getOrDefault(link, Set.of()));
    }

    private Map<String, Map<String, Map<String, List<Map<String, Object>>>>> buildIndex() {
        for (InventoryModel.DerivedLink d : model.derivedLinks()) {
            Map<String, Set<String>> viaKeys = new HashMap<>();
            for (Map<String, Object> via : objects(d.via())) {
                for (String on : keys(d.via(), d.on(), via).all()) {
                    viaKeys.computeIfAbsent(on, k -> new LinkedHashSet<>()).addAll(keys(d.via(), d.link(), via).all());
                }
            }
            for (Map<String, Object> o : objects(d.collection())) {
                for (String on : keys(d.collection(), d.on(), o).all()) {
                    Set<String> inherited = viaKeys.get(on);
                    if (inherited != null) {
                        derivedKeys.computeIfAbsent(o, k -> new HashMap<>())
                                .computeIfAbsent(d.link(), k -> new LinkedHashSet<>()).addAll(inherited);
                    }
                }
            }
        }
        Map<String, Map<String, Map<String, List<Map<String, Object>>>>> idx = new HashMap<>();
        collections.forEach((c, objects) -> {
            List<String> links = List.copyOf(links(c));
            List<Keys[]> keys = keysOf(c, links, objects);
            for (int j = 0; j < links.size(); j++) {
                String link = links.get(j);
                for (int i = 0; i < objects.size(); i++) {
                    Map<String, Object> o = objects.get(i);
                    Keys k = keys.get(i)[j];
                    objectKeys.computeIfAbsent(o, x -> new HashMap<>()).put(link, k);
                    for (String key : k.all()) {
                        idx.computeIfAbsent(link, x -> new HashMap<>()).computeIfAbsent(key, x -> new LinkedHashMap<>())
                                .computeIfAbsent(c, x -> new ArrayList<>()).add(o);
                    }
                }
            }
        });
        return idx;
    }

    /** The keys of every object of a collection for each link kind, in object order; computed in parallel. */
    private List<Keys[]> keysOf(String collection, List<String> links, List<Map<String, Object>> objects) {
        if (links.isEmpty()) {
            return List.of();
        }
        return IntStream.range(0, objects.size()).parallel().mapToObj(i -> {
            Keys[] k = new Keys[links.size()];
            for (int j = 0; j < k.length; j++) {
                k[j] = keys(collection, links.get(j), objects.get(i));
            }
            return k;
        }).toList();
    }
}
