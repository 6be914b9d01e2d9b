package io.bpacat.check;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;

/**
 * Remembers the results of one expression over many objects by what the expression observed of them. Most
 * objects of an inventory look alike to a rule ({@code applies} reads the guest OS version and a flag, and 10,000
 * VMs have a handful of combinations), so the first object of each kind is evaluated and the others reuse its
 * result: the same answer, without running JSONata again.
 *
 * <p>An evaluation sees its input object and {@code $related} through recording views: every field read, every
 * list size, and every whole value it took (iterating a map's entries, comparing it) is noted in order, with the
 * answer. Evaluation is deterministic, so another object that gives the same answers to the same questions in the
 * same order gets the same result. The questions and answers form a decision tree, walked for each new object;
 * where it has no branch for an answer the expression runs (recording) and the tree grows. Numbers match only
 * with the same type and value, maps only with the same keys in the same order.
 *
 * <p>Only results that are plain values (boolean, string, number, null) are kept, and only from evaluations that
 * ended normally; an evaluation that fails while recording is run again on the plain objects, so errors are
 * exactly those of an unmemoized run. An expression whose result may change between two evaluations of the same
 * input ({@code $now()}, {@code $millis()}, {@code $random()}, {@code $eval}) is never memoized, and a memo that
 * rarely hits turns itself off.
 */
final class ExpressionMemo {
    /** Evaluates the expression on an input with the given {@code $related}; throws what the evaluation throws. */
    interface Evaluator {
        Object evaluate(Object input, Object related);
    }

    /** Evaluations slower than this that fail while recording are not repeated (timeouts, runaway recursion). */
    private static final long RETRY_BELOW_NANOS = 100_000_000L;
    private static final int MIN_MISSES_BEFORE_GIVING_UP = 64;

    private final Evaluator evaluator;
    private final Node root = new Node();
    private boolean enabled;
    private long lookups;
    private long misses;
    private long evaluations;

    /** A memo for the expression with this source; it never remembers anything when {@code on} is false. */
    ExpressionMemo(String source, Evaluator evaluator, boolean on) {
        this.evaluator = evaluator;
        this.enabled = on && memoizable(source);
    }

    /** False for expressions whose result may differ between two evaluations of one input. */
    static boolean memoizable(String source) {
        return !source.matches("(?s).*\\$(now|millis|random|eval)\\b.*");
    }

    /** How many times the expression ran so far (the others were answered from the memo). */
    long evaluations() {
        return evaluations;
    }

    Object evaluate(Map<String, Object> input, Map<String, Object> related) {
        return evaluate(input, related, true);
    }

    /**
     * @param record whether a result not remembered yet is recorded; false when no other object will be looked up
     *               (the last object of a collection), since recording costs more than evaluating
     */
    Object evaluate(Map<String, Object> input, Map<String, Object> related, boolean record) {
        if (!enabled) {
            evaluations++;
            return evaluator.evaluate(input, related);
        }
        lookups++;
        Object[] roots = {input, related};
        Node n = root;
        while (n != null && n.question != null) {
            n = n.answers.get(answer(n.question, roots));
        }
        if (n != null && n.leaf) {
            return n.result;
        }
        misses++;
        if (!record) {
            evaluations++;
            return evaluator.evaluate(input, related);
        }
        return record(roots);
    }

    private Object record(Object[] roots) {
        Recorder rec = new Recorder(roots);
        long start = System.nanoTime();
        evaluations++;
        Object result;
        try {
            result = evaluator.evaluate(rec.view(Path.root(0)), rec.view(Path.root(1)));
        } catch (RuntimeException | StackOverflowError e) {
            if (System.nanoTime() - start > RETRY_BELOW_NANOS) {
                throw e;
            }
            evaluations++;
            return evaluator.evaluate(roots[0], roots[1]);
        }
        if (plain(result)) {
            remember(rec.trace, result);
        }
        if (misses >= MIN_MISSES_BEFORE_GIVING_UP && misses * 2 > lookups) {
            enabled = false;
        }
        return result;
    }

    private static boolean plain(Object v) {
        return v == null || v instanceof Boolean || v instanceof String || v instanceof Number;
    }

    private void remember(LinkedHashMap<Question, Object> trace, Object result) {
        Node n = root;
        for (Map.Entry<Question, Object> qa : trace.entrySet()) {
            if (n.leaf || n.question != null && !n.question.equals(qa.getKey())) {
                enabled = false; // cannot happen for a deterministic expression; stop trusting the tree
                return;
            }
            if (n.question == null) {
                n.question = qa.getKey();
                n.answers = new HashMap<>();
            }
            n = n.answers.computeIfAbsent(qa.getValue(), k -> new Node());
        }
        if (n.question != null) {
            enabled = false;
            return;
        }
        n.leaf = true;
        n.result = result;
    }

    /** A node of the decision tree: a question with a child per answer, or a leaf with the result. */
    private static final class Node {
        Question question;
        HashMap<Object, Node> answers;
        boolean leaf;
        Object result;
    }

    /** Where a value sits: a root (0 the input, 1 {@code $related}) and the keys and indexes below it. */
    private record Path(int root, Path parent, Object step, int depth) {
        static Path root(int root) {
            return new Path(root, null, null, 0);
        }

        Path child(Object step) {
            return new Path(root, this, step, depth + 1);
        }
    }

    private enum Kind { VALUE, SIZE, WHOLE }

    /** What an evaluation asked: the value at a path, the size of the list at a path, or the whole value. */
    private record Question(Kind kind, Path path) {
    }

    /** Answers for what is not a plain value: a map, a list, no such key or index, and an unexpected shape. */
    private enum Marker { MAP, LIST, NULL, ABSENT, MISMATCH }

    static Object answer(Question q, Object[] roots) {
        Object v = resolve(q.path(), roots);
        return switch (q.kind()) {
            case VALUE -> describe(v);
            case SIZE -> v instanceof List<?> l ? (Object) l.size() : Marker.MISMATCH;
            case WHOLE -> v instanceof Marker ? v : new Whole(v);
        };
    }

    private static Object describe(Object v) {
        if (v == null) {
            return Marker.NULL;
        }
        // most answers are text, numbers and flags: told apart by their classes first, since a failed test against
        // an interface (Map, List) searches all the interfaces of the value's class every time
        if (v instanceof String || v instanceof Boolean || v instanceof Number) {
            return v;
        }
        if (v instanceof Map) {
            return Marker.MAP;
        }
        if (v instanceof List) {
            return Marker.LIST;
        }
        return v;
    }

    /** The value at a path, or a marker when a key or index is not there or a step meets the wrong shape. */
    private static Object resolve(Path p, Object[] roots) {
        if (p.parent() == null) {
            return roots[p.root()];
        }
        Object parent = resolve(p.parent(), roots);
        if (parent instanceof Map<?, ?> m && p.step() instanceof String k) {
            Object v = m.get(k);
            return v != null || m.containsKey(k) ? v : Marker.ABSENT;
        }
        if (parent instanceof List<?> l && p.step() instanceof Integer i) {
            return i >= 0 && i < l.size() ? l.get(i) : Marker.ABSENT;
        }
        return Marker.MISMATCH;
    }

    /** A whole value compared deeply: map entries in order, numbers by type and value. */
    private static final class Whole {
        private final Object value;
        private final int hash;

        Whole(Object value) {
            this.value = value;
            this.hash = hash(value);
        }

        private static int hash(Object v) {
            if (v instanceof Map<?, ?> m) {
                int h = 1;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    h = 31 * h + Objects.hashCode(e.getKey());
                    h = 31 * h + hash(e.getValue());
                }
                return h;
            }
            if (v instanceof List<?> l) {
                int h = 7;
                for (Object x : l) {
                    h = 31 * h + hash(x);
                }
                return h;
            }
            return Objects.hashCode(v);
        }

        static boolean same(Object a, Object b) {
            if (a instanceof Map<?, ?> x) {
                if (!(b instanceof Map<?, ?> y) || x.size() != y.size()) {
                    return false;
                }
                Iterator<? extends Map.Entry<?, ?>> i = x.entrySet().iterator();
                Iterator<? extends Map.Entry<?, ?>> j = y.entrySet().iterator();
                while (i.hasNext()) {
                    Map.Entry<?, ?> e = i.next();
                    Map.Entry<?, ?> f = j.next();
                    if (!same(e.getKey(), f.getKey()) || !same(e.getValue(), f.getValue())) {
                        return false;
                    }
                }
                return true;
            }
            if (a instanceof List<?> x) {
                if (!(b instanceof List<?> y) || x.size() != y.size()) {
                    return false;
                }
                for (int k = 0; k < x.size(); k++) {
                    if (!same(x.get(k), y.get(k))) {
                        return false;
                    }
                }
                return true;
            }
            return a == null ? b == null : b != null && a.getClass() == b.getClass() && a.equals(b);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Whole w && w.hash == hash && same(value, w.value);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Hands out recording views and notes each question with its answer, once, in the order asked. */
    private static final class Recorder {
        final Object[] roots;
        final LinkedHashMap<Question, Object> trace = new LinkedHashMap<>();
        final Map<Path, Object> views = new HashMap<>();

        Recorder(Object[] roots) {
            this.roots = roots;
        }

        void ask(Kind kind, Path path) {
            Question q = new Question(kind, path);
            if (!trace.containsKey(q)) {
                trace.put(q, answer(q, roots));
            }
        }

        /** The value at a path as the expression may see it: maps and lists as recording views. */
        @SuppressWarnings("unchecked")
        Object view(Path p) {
            Object v = resolve(p, roots);
            if (v instanceof Map<?, ?> m) {
                return views.computeIfAbsent(p, k -> new MapView((Map<String, Object>) m, k, this));
            }
            if (v instanceof List<?> l) {
                return views.computeIfAbsent(p, k -> new ListView((List<Object>) l, k, this));
            }
            return v;
        }
    }

    /** A map whose key lookups are recorded one by one; anything else records the whole map. */
    private static final class MapView extends AbstractMap<String, Object> {
        private final Map<String, Object> map;
        private final Path path;
        private final Recorder rec;

        MapView(Map<String, Object> map, Path path, Recorder rec) {
            this.map = map;
            this.path = path;
            this.rec = rec;
        }

        @Override
        public Object get(Object key) {
            if (!(key instanceof String k)) {
                rec.ask(Kind.WHOLE, path);
                return map.get(key);
            }
            Path p = path.child(k);
            rec.ask(Kind.VALUE, p);
            return map.containsKey(k) ? rec.view(p) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            if (!(key instanceof String k)) {
                rec.ask(Kind.WHOLE, path);
                return map.containsKey(key);
            }
            rec.ask(Kind.VALUE, path.child(k));
            return map.containsKey(k);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            rec.ask(Kind.WHOLE, path);
            return map.entrySet();
        }

        @Override
        public int size() {
            rec.ask(Kind.WHOLE, path);
            return map.size();
        }
    }

    /** A list whose size and elements are recorded one by one. */
    private static final class ListView extends AbstractList<Object> implements RandomAccess {
        private final List<Object> list;
        private final Path path;
        private final Recorder rec;

        ListView(List<Object> list, Path path, Recorder rec) {
            this.list = list;
            this.path = path;
            this.rec = rec;
        }

        @Override
        public Object get(int index) {
            Path p = path.child(index);
            rec.ask(Kind.VALUE, p);
            Objects.checkIndex(index, list.size());
            return rec.view(p);
        }

        @Override
        public int size() {
            rec.ask(Kind.SIZE, path);
            return list.size();
        }

        @Override
        public Object[] toArray() {
            List<Object> copy = new ArrayList<>(size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(get(i));
            }
            return copy.toArray();
        }
    }
}
