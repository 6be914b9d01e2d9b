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
    private final IdentityHashMap<Object, String> collectionOf;
    private final IdentityHashMap<Object, Integer> position;
    private Map<String, Object> asData;
    private final Long collectedMillis;
    private final Map<String, List<String>> displayNames = new java.util.concurrent.ConcurrentHashMap<>();
    private final boolean plainJson;

    /**
     * @param plainJson whether every value is of a type JSONata takes as input ({@link #plainJson()}), as the
     *                  normalizer found while it built the objects
     */
    Inventory(String file, InventoryModel model, String collectedAt,
              Map<String, List<Map<String, Object>>> collections, IdentityHashMap<Object, Map<String, String>> leftOut,
              boolean plainJson) {
        this.file = file;
        this.plainJson = plainJson;
        this.model = model;
        this.collectedAt = collectedAt;
        this.collections = Collections.unmodifiableMap(collections);
        this.leftOut = leftOut;
        int objectCount = collections.values().stream().mapToInt(List::size).sum();
        // sized for every object at once: no table grows and rehashes while 100,000s of objects are added
        this.collectionOf = new IdentityHashMap<>(objectCount);
        this.position = new IdentityHashMap<>(objectCount);
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
     * object, or {@code Collection[index]} when that gives nothing. Computed once per collection, in parallel.
     */
    public List<String> displayNames(String collection) {
        List<String> names = displayNames.get(collection);
        if (names != null) {
            return names;
        }
        // not inside computeIfAbsent: the parallel stream's threads may run another collection's names meanwhile,
        // and must not wait for this entry's lock
        String display = model.collection(collection).map(InventoryModel.Collection::display).orElse(null);
        List<Map<String, Object>> objects = objects(collection);
        List<String> computed = IntStream.range(0, objects.size()).parallel().mapToObj(i -> {
            String name = Template.render(display, objects.get(i), null, false);
            return name.isBlank() || name.equals("?") ? collection + "[" + i + "]" : name;
        }).toList();
        displayNames.putIfAbsent(collection, computed);
        return displayNames.get(collection);
    }

    /**
     * True when every value is of a type JSONata takes as input (maps, lists, strings, numbers, booleans, null):
     * then expressions need not check their input again on every evaluation.
     */
    public boolean plainJson() {
        return plainJson;
    }

    /**
     * Whether each object of a collection has a field path ({@link CheckerEngine#present}), by object index. Computed
     * once per collection and field, then shared by every checker that reads it (read-only).
     */
    boolean[] presence(String collection, String field) {
        return presence.computeIfAbsent(collection + '\u0000' + field, k -> {
            List<Map<String, Object>> objects = objects(collection);
            String[] parts = field.split("\\.");
            boolean[] p = new boolean[objects.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = CheckerEngine.present(objects.get(i), field, parts, leftOut(objects.get(i)));
            }
            return p;
        });
    }

    /**
     * The objects of a collection that lack one of {@code fields} (mostly none), as an identity set. Computed once
     * per collection and fields.
     */
    Set<Object> incomplete(String collection, List<String> fields) {
        return incomplete.computeIfAbsent(collection + '\u0000' + String.join("\u0000", fields), k -> {
            List<Map<String, Object>> objects = objects(collection);
            Set<Object> out = Collections.newSetFromMap(new IdentityHashMap<>());
            for (String f : fields) {
                boolean[] p = presence(collection, f);
                for (int i = 0; i < p.length; i++) {
                    if (!p[i]) {
                        out.add(objects.get(i));
                    }
                }
            }
            return Collections.unmodifiableSet(out);
        });
    }

    private final Map<String, boolean[]> presence = new ConcurrentHashMap<>();
    private final Map<String, Set<Object>> incomplete = new ConcurrentHashMap<>();

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
        LinkIndex idx = index();
        List<Map<String, Object>> objects = objects(collection);
        List<Map<String, Object>> computed = IntStream.range(0, objects.size()).parallel()
                .mapToObj(i -> computeRelated(idx, collection, i, objects.get(i))).toList();
        relatedByCollection.putIfAbsent(collection, computed);
        return relatedByCollection.get(collection);
    }

    /** Whether {@code $related} of a collection's objects has been computed. */
    boolean relatedComputed(String collection) {
        return relatedByCollection.containsKey(collection);
    }

    /** Computes the links of every object once. */
    public void prepareLinks() {
        asData();
        collections.keySet().forEach(this::related);
    }

    private final Map<String, List<Map<String, Object>>> relatedByCollection = new ConcurrentHashMap<>();
    private volatile LinkIndex index;

    private synchronized LinkIndex index() {
        if (index == null) {
            index = buildIndex();
        }
        return index;
    }

    /**
     * The objects of one collection with one key of one link kind, in inventory order: all of them, and those
     * that have no id for the link (what a name key finds for an object that has an id). Both lists are immutable
     * once the group is complete ({@link #seal()}, before the index is shared) and then shared by every object with
     * the key. While the group grows, a single object is held in an immutable list of one (most groups stay so).
     */
    private static final class Group {
        private List<Map<String, Object>> all;
        private List<Map<String, Object>> withoutId = List.of();

        Group(Map<String, Object> first, boolean hasId) {
            all = List.of(first);
            if (!hasId) {
                withoutId = List.of(first);
            }
        }

        void add(Map<String, Object> o, boolean hasId) {
            all = grown(all, o);
            if (!hasId) {
                withoutId = grown(withoutId, o);
            }
        }

        private static List<Map<String, Object>> grown(List<Map<String, Object>> list, Map<String, Object> o) {
            if (list.isEmpty()) {
                return List.of(o);
            }
            List<Map<String, Object>> out = list instanceof ArrayList ? list : new ArrayList<>(list);
            out.add(o);
            return out;
        }

        void seal() {
            all = List.copyOf(all);
            withoutId = List.copyOf(withoutId);
        }

        List<Map<String, Object>> all() {
            return all;
        }

        List<Map<String, Object>> withoutId() {
            return withoutId;
        }
    }

    /**
     * The link index: groups by link kind, key and collection (collections in the order of the inventory); each
     * object's keys, by collection, object position and link kind (in the order of {@link #links}); and the roots
     * of the path fields of every object of the collections that have path fields.
     */
    private record LinkIndex(Map<String, KindGroups> groups,
                             Map<String, List<Keys[]>> keys, Map<String, List<Map<String, Object>>> roots) {
    }

    /**
     * The groups of one link kind: the collections that have it, in the order of the inventory, and for each key
     * a group per collection at the collection's index (null where it has no object with the key).
     */
    private record KindGroups(List<String> collections, Map<String, Group[]> byKey) {
    }

    private Map<String, Object> computeRelated(LinkIndex index, String own, int position, Object object) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        List<Keys[]> ownKeys = index.keys().getOrDefault(own, List.of());
        Keys[] myKeys = ownKeys.isEmpty() ? new Keys[0] : ownKeys.get(position);
        int j = 0;
        for (String link : links(own)) {
            Keys mine = myKeys[j++];
            KindGroups kind = index.groups().get(link);
            if (kind == null) {
                continue;
            }
            for (String key : mine.all()) {
                Group[] byCollection = kind.byKey().get(key);
                if (byCollection != null) {
                    boolean idsOnlyByName = mine.id() != null && key.startsWith("name:");
                    for (int x = 0; x < byCollection.length; x++) {
                        Group g = byCollection[x];
                        String c = kind.collections().get(x);
                        if (g != null && !c.equals(own)) {
                            add(out, c, idsOnlyByName ? g.withoutId() : g.all());
                        }
                    }
                }
            }
        }
        Map<String, Object> roots = roots(index, own, position, out);
        if (out.isEmpty() && roots == null) {
            return Map.of();
        }
        out.replaceAll((c, l) -> l instanceof ArrayList ? List.copyOf(l) : l);
        // the same map is the result: the roots go in after the lists (no second map for every object)
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, Object> result = (Map) out;
        if (roots != null) {
            result.put(ROOTS, roots);
        }
        return Collections.unmodifiableMap(result);
    }

    /**
     * Adds a group's objects to a collection's list, each object once, in order. The first group found is shared
     * as it is (immutable); a list that gains objects from a second group becomes a private copy.
     */
    private static void add(Map<String, List<Map<String, Object>>> out, String c, List<Map<String, Object>> objects) {
        List<Map<String, Object>> list = out.get(c);
        if (list == objects) { // a second key of the object found the same group
            return;
        }
        if (list == null || list.isEmpty() && !objects.isEmpty()) {
            out.put(c, objects);
            return;
        }
        if (objects.isEmpty()) {
            return;
        }
        ArrayList<Map<String, Object>> merged = list instanceof ArrayList<Map<String, Object>> a ? a
                : new ArrayList<>(list);
        Set<Object> seen = null;
        if (merged.size() > 16) {
            seen = Collections.newSetFromMap(new IdentityHashMap<>(merged.size() * 2));
            seen.addAll(merged);
        }
        for (Map<String, Object> o : objects) {
            if (seen != null ? seen.add(o) : !containsSame(merged, o)) {
                merged.add(o);
            }
        }
        out.put(c, merged);
    }

    private static boolean containsSame(List<Map<String, Object>> list, Object o) {
        for (Object x : list) {
            if (x == o) {
                return true;
            }
        }
        return false;
    }

    /** The key of {@code $related} that holds the roots of paths. */
    static final String ROOTS = "roots";

    /**
     * {@code $related.roots}: the root ({@link PathRoot}) of each path field the object has, then for each linked
     * collection with path fields, the roots of its linked objects' path fields, in the order of their list; null
     * when there are none.
     */
    private Map<String, Object> roots(LinkIndex index, String own, int position,
                                      Map<String, List<Map<String, Object>>> linked) {
        Map<String, Object> roots = new LinkedHashMap<>();
        List<Map<String, Object>> ownRoots = index.roots().get(own);
        if (ownRoots != null) {
            roots.putAll(ownRoots.get(position));
        }
        linked.forEach((c, objects) -> {
            List<Map<String, Object>> rootsOfC = index.roots().get(c);
            if (rootsOfC != null) {
                List<Map<String, Object>> list = new ArrayList<>(objects.size());
                for (Map<String, Object> o : objects) {
                    list.add(rootsOfC.get(this.position.get(o)));
                }
                roots.put(c, Collections.unmodifiableList(list));
            }
        });
        return roots.isEmpty() ? null : Collections.unmodifiableMap(roots);
    }

    /** The roots of the path fields of each object of a collection that has path fields, computed once. */
    private List<Map<String, Object>> rootsOf(String collection) {
        List<String> fields = pathFields(collection);
        return objects(collection).parallelStream().map(o -> {
            Map<String, Object> into = new LinkedHashMap<>();
            for (String f : fields) {
                if (o.containsKey(f)) {
                    into.put(f, PathRoot.of(o.get(f)));
                }
            }
            return Collections.unmodifiableMap(into);
        }).toList();
    }

    private List<String> pathFields(String collection) {
        return model.collection(collection).map(InventoryModel.Collection::pathFields).orElse(List.of());
    }

    private final IdentityHashMap<Object, Map<String, Set<String>>> derivedKeys = new IdentityHashMap<>();
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
            if (derived.isEmpty()) { // most objects: no set needed
                if (id == null) {
                    return name == null ? List.of() : List.of(name);
                }
                return name == null || name.equals(id) ? List.of(id) : List.of(id, name);
            }
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

    /** The link of a collection of a kind it has itself, or null (a kind it derives). */
    private InventoryModel.Link link(String collection, String link) {
        return model.collection(collection).map(c -> c.links().get(link)).orElse(null);
    }

    private Keys keys(InventoryModel.Link l, String link, Object object) {
        String id = null;
        String name = null;
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

    private LinkIndex buildIndex() {
        for (InventoryModel.DerivedLink d : model.derivedLinks()) {
            Map<String, Set<String>> viaKeys = new HashMap<>();
            InventoryModel.Link viaOn = link(d.via(), d.on());
            InventoryModel.Link viaLink = link(d.via(), d.link());
            for (Map<String, Object> via : objects(d.via())) {
                List<String> linkKeys = keys(viaLink, d.link(), via).all();
                for (String on : keys(viaOn, d.on(), via).all()) {
                    viaKeys.computeIfAbsent(on, k -> new LinkedHashSet<>()).addAll(linkKeys);
                }
            }
            InventoryModel.Link on = link(d.collection(), d.on());
            for (Map<String, Object> o : objects(d.collection())) {
                for (String key : keys(on, d.on(), o).all()) {
                    Set<String> inherited = viaKeys.get(key);
                    if (inherited != null) {
                        derivedKeys.computeIfAbsent(o, k -> new HashMap<>())
                                .computeIfAbsent(d.link(), k -> new LinkedHashSet<>()).addAll(inherited);
                    }
                }
            }
        }
        Map<String, List<Keys[]>> keysByCollection = new HashMap<>();
        Map<String, List<String>> linksByCollection = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> roots = new HashMap<>();
        collections.forEach((c, objects) -> {
            List<String> links = List.copyOf(links(c));
            linksByCollection.put(c, links);
            keysByCollection.put(c, keysOf(c, links, objects));
            if (!pathFields(c).isEmpty()) {
                roots.put(c, rootsOf(c));
            }
        });
        List<String> kinds = linksByCollection.values().stream().flatMap(List::stream).distinct().toList();
        Map<String, KindGroups> groups = new HashMap<>();
        for (String link : kinds) {
            groups.put(link, groups(link, linksByCollection, keysByCollection));
        }
        return new LinkIndex(groups, keysByCollection, roots);
    }

    /**
     * The groups of one link kind: every collection's groups go straight into one map by key, each collection on
     * its own (in parallel) into its own place of the key's array, its objects in inventory order.
     */
    private KindGroups groups(String link, Map<String, List<String>> linksByCollection,
                              Map<String, List<Keys[]>> keysByCollection) {
        List<String> withLink = linksByCollection.entrySet().stream().filter(e -> e.getValue().contains(link))
                .map(Map.Entry::getKey).toList();
        Map<String, Group[]> byKey = new ConcurrentHashMap<>();
        IntStream.range(0, withLink.size()).parallel().forEach(x -> groupsOf(withLink.get(x), x, withLink.size(),
                linksByCollection.get(withLink.get(x)).indexOf(link), keysByCollection.get(withLink.get(x)), byKey));
        return new KindGroups(withLink, byKey);
    }

    /**
     * The groups of collection {@code c} (at index {@code x} of the {@code n} collections with the link kind at
     * index {@code j} of its kinds) by key, into {@code byKey}, made immutable. Only this call writes place x.
     */
    private void groupsOf(String c, int x, int n, int j, List<Keys[]> keys, Map<String, Group[]> byKey) {
        List<Map<String, Object>> objects = collections.get(c);
        List<Group> made = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            Keys k = keys.get(i)[j];
            Map<String, Object> o = objects.get(i);
            boolean hasId = k.id() != null;
            for (String key : k.all()) {
                Group[] places = byKey.computeIfAbsent(key, unused -> new Group[n]);
                Group g = places[x];
                if (g == null) {
                    g = new Group(o, hasId);
                    places[x] = g;
                    made.add(g);
                } else {
                    g.add(o, hasId);
                }
            }
        }
        made.forEach(Group::seal);
    }

    /** The keys of every object of a collection for each link kind, in object order; computed in parallel. */
    private List<Keys[]> keysOf(String collection, List<String> links, List<Map<String, Object>> objects) {
        if (links.isEmpty()) {
            return List.of();
        }
        InventoryModel.Link[] own = links.stream().map(link -> link(collection, link))
                .toArray(InventoryModel.Link[]::new);
        return IntStream.range(0, objects.size()).parallel().mapToObj(i -> {
            Keys[] k = new Keys[links.size()];
            for (int j = 0; j < k.length; j++) {
                k[j] = keys(own[j], links.get(j), objects.get(i));
            }
            return k;
        }).toList();
    }
}
