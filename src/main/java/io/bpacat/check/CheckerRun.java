package io.bpacat.check;

import com.dashjoin.jsonata.Jsonata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One checker over one inventory, or over a slice of its objects: the engine may split a collection into slices
 * checked on different threads, each with its own {@code CheckerRun}, and joins their findings in object order.
 * Holds what is worth computing once per checker and inventory: the split field paths, the memos of the
 * {@code applies} and {@code compliant} expressions, the linked collections it reads.
 */
final class CheckerRun {
    private final Checker c;
    private final Inventory inv;
    private final String ruleId;
    private final Set<String> relatedCollections = new LinkedHashSet<>();
    private final CheckerEngine.Limits limits;
    private final AtomicLong spentNanos;
    private final Map<String, String[][]> readPaths = new LinkedHashMap<>();
    private final List<String> requiredBeforeApplies = new ArrayList<>();
    private final List<String> requiredAfterApplies = new ArrayList<>();
    private final Object host;
    private final ExpressionMemo applies;
    private final ExpressionMemo compliant;
    /** Whether the checker can see {@code $related}: else it is not computed for its objects. */
    private final boolean needsRelated;
    /** Per field of the scope the checker reads, whether each object has it; set on the first objects(). */
    private boolean[][] scopePresence;
    /** The related objects that lack a field the checker reads, by collection (only collections with any). */
    private Map<String, Set<Object>> incompleteRelated;
    private boolean runaway;
    /** True while the object being checked is the last of its collection. */
    private boolean last;

    /**
     * @param spentNanos time spent on this checker and inventory so far, shared by the runs of all slices: past
     *                   {@code limits.checkerMillis()} the remaining objects are errors
     */
    CheckerRun(Checker c, String ruleId, Inventory inv, CheckerEngine.Limits limits, boolean memoize,
               AtomicLong spentNanos) {
        this.c = c;
        this.inv = inv;
        this.ruleId = ruleId;
        this.limits = limits;
        this.spentNanos = spentNanos;
        for (String col : c.reads().keySet()) {
            if (!col.equals(c.scope()) && linked(col)) {
                relatedCollections.add(col);
            }
            readPaths.put(col, c.reads().get(col).stream().map(f -> f.split("\\.")).toArray(String[][]::new));
        }
        for (String col : c.require()) {
            boolean readByApplies = c.applies() != null && c.applies().source().contains(col);
            (readByApplies ? requiredBeforeApplies : requiredAfterApplies).add(col);
        }
        Object h = inv.asData().get("VMHost");
        this.host = h == null ? Map.of() : h;
        this.applies = c.applies() == null ? null : memo(c.applies(), memoize);
        this.compliant = memo(c.compliant(), memoize);
        this.needsRelated = !relatedCollections.isEmpty() || !c.require().isEmpty() || seesRelated(c);
    }

    /**
     * Whether a checker's expressions can see {@code $related}: by name, or through {@code $eval}. The browser
     * engine decides the same way (Run.needsRelated in engine.js).
     */
    static boolean seesRelated(Checker c) {
        List<Checker.Expression> all = new ArrayList<>(c.values().values());
        all.add(c.applies());
        all.add(c.compliant());
        return all.stream().anyMatch(e -> e != null && (e.source().contains("$related") || e.source().contains("$eval")));
    }

    /** Whether the engine must compute {@code $related} for the objects this checker inspects. */
    boolean needsRelated() {
        return needsRelated;
    }

    private ExpressionMemo memo(Checker.Expression e, boolean memoize) {
        return new ExpressionMemo(e.source(), (input, related) -> evaluate(e, input, related), memoize);
    }

    private boolean linked(String other) {
        Set<String> mine = linkKinds(c.scope());
        return linkKinds(other).stream().anyMatch(mine::contains);
    }

    private Set<String> linkKinds(String collection) {
        Set<String> s = new LinkedHashSet<>(inv.model().collection(collection)
                .map(x -> x.links().keySet()).orElse(Set.of()));
        inv.model().derivedLinks().stream().filter(d -> d.collection().equals(collection))
                .forEach(d -> s.add(d.link()));
        return s;
    }

    /**
     * Findings about the inventory as a whole: the collections the checker needs are missing, or it holds no object
     * to inspect. When there are any, they are the checker's only findings.
     */
    List<Finding> preamble() {
        List<String> missing = missingCollections();
        if (!missing.isEmpty()) {
            return List.of(finding(CheckerEngine.WHOLE_INVENTORY, Outcome.CANNOT_EVALUATE, "the inventory lacks "
                    + String.join(", ", missing), "", missing));
        }
        if (inv.objects(c.scope()).isEmpty()) {
            return List.of(finding(CheckerEngine.NO_OBJECTS, Outcome.NOT_APPLICABLE, "the inventory holds no "
                    + c.scope() + " objects", "", List.of()));
        }
        return List.of();
    }

    /** One finding per object of the scope collection from index {@code from} to {@code to}, in order. */
    void objects(int from, int to, List<Finding> out) {
        List<Map<String, Object>> objects = inv.objects(c.scope());
        List<String> names = inv.displayNames(c.scope());
        List<Map<String, Object>> related = needsRelated ? inv.related(c.scope()) : null;
        prepare();
        long start = System.nanoTime();
        long limit = limits.checkerMillis() * 1_000_000 - spentNanos.get();
        for (int i = from; i < to; i++) {
            // recording what an expression reads costs more than evaluating it: the last object is not recorded
            last = i == objects.size() - 1;
            out.add(object(i, objects.get(i), names.get(i), related == null ? Map.of() : related.get(i),
                    System.nanoTime() - start > limit));
        }
        spentNanos.addAndGet(System.nanoTime() - start);
    }

    /**
     * Finds out, once, which of its scope's objects lack a field the checker reads, and which related objects do
     * (only those are looked at per object): from tables the inventory computes once for all checkers.
     */
    void prepare() {
        if (scopePresence != null) {
            return;
        }
        List<String> fields = c.reads().getOrDefault(c.scope(), List.of());
        scopePresence = fields.stream().map(f -> inv.presence(c.scope(), f)).toArray(boolean[][]::new);
        incompleteRelated = new LinkedHashMap<>();
        for (String col : relatedCollections) {
            Set<Object> lacking = inv.incomplete(col, c.reads().get(col));
            if (!lacking.isEmpty()) {
                incompleteRelated.put(col, lacking);
            }
        }
    }

    /** Collections the checker reads that were not collected, and global fields no object has. */
    private List<String> missingCollections() {
        List<String> missing = new ArrayList<>();
        for (String col : c.reads().keySet()) {
            if (!inv.has(col)) {
                missing.add(col + " (" + inv.model().collection(col).map(InventoryModel.Collection::command)
                        .orElse("?") + ")");
            } else if (!col.equals(c.scope()) && !relatedCollections.contains(col)) {
                for (Map<String, Object> o : inv.objects(col)) {
                    missingFields(col, o, missing);
                }
            }
        }
        if (usesCollected() && inv.collectedAt() == null) {
            missing.add("CollectedAt (the time the inventory was collected)");
        }
        return new ArrayList<>(new LinkedHashSet<>(missing));
    }

    private boolean usesCollected() {
        return mentions(c.applies(), "$collected") || mentions(c.compliant(), "$collected")
                || c.values().values().stream().anyMatch(e -> mentions(e, "$collected"));
    }

    private boolean mentions(Checker.Expression e, String s) {
        return e != null && e.source().contains(s);
    }

    /** Adds the fields of {@code col} that {@code o} lacks; returns {@code missing}, created when needed. */
    private List<String> missingFields(String col, Map<String, Object> o, List<String> missing) {
        String[][] paths = readPaths.get(col);
        if (paths == null || paths.length == 0) {
            return missing;
        }
        Map<String, String> leftOut = inv.leftOut(o);
        List<String> fields = c.reads().get(col);
        for (int i = 0; i < paths.length; i++) {
            String f = fields.get(i);
            if (!CheckerEngine.present(o, f, paths[i], leftOut)) {
                if (missing == null) {
                    missing = new ArrayList<>();
                }
                missing.add(col + "." + f + (leftOut.containsKey(f) ? " (" + leftOut.get(f) + ")" : ""));
            }
        }
        return missing;
    }

    private Finding object(int index, Map<String, Object> o, String name, Map<String, Object> related,
                           boolean late) {
        List<String> missing = null;
        for (boolean[] p : scopePresence) {
            if (!p[index]) {
                missing = missingFields(c.scope(), o, null);
                break;
            }
        }
        if (!incompleteRelated.isEmpty()) { // mostly empty: no iterator for every object
            for (Map.Entry<String, Set<Object>> e : incompleteRelated.entrySet()) {
                for (Object x : (List<?>) related.getOrDefault(e.getKey(), List.of())) {
                    if (e.getValue().contains(x)) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> m = (Map<String, Object>) x;
                        missing = missingFields(e.getKey(), m, missing);
                    }
                }
            }
        }
        missing = missingRequired(related, requiredBeforeApplies, missing);
        if (missing != null) {
            return cannotEvaluate(name, missing);
        }
        if (late) {
            return finding(name, Outcome.ERROR, c.file() + ": the checker ran longer than "
                    + limits.checkerMillis() + " ms on this inventory and was stopped", "", List.of());
        }
        return evaluate(o, name, related);
    }

    /**
     * Required linked collections with no object for this one. Those the applies expression reads are checked
     * before it runs; the others only once the rule applies.
     */
    private List<String> missingRequired(Map<String, Object> related, List<String> required,
                                         List<String> missing) {
        for (int i = 0; i < required.size(); i++) { // an index, not an iterator for every object
            String col = required.get(i);
            if (((List<?>) related.getOrDefault(col, List.of())).isEmpty()) {
                if (missing == null) {
                    missing = new ArrayList<>();
                }
                missing.add(col + " (no " + col + " object for this " + c.scope() + ")");
            }
        }
        return missing;
    }

    private Finding cannotEvaluate(String name, List<String> missing) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(missing));
        return finding(name, Outcome.CANNOT_EVALUATE, "missing " + String.join(", ", distinct), "", distinct);
    }

    private Finding evaluate(Map<String, Object> o, String name, Map<String, Object> related) {
        try {
            if (applies != null && !bool("applies", c.applies(), applies, o, related)) {
                return finding(name, Outcome.NOT_APPLICABLE, "", "", List.of());
            }
            List<String> missing = missingRequired(related, requiredAfterApplies, null);
            if (missing != null) {
                return cannotEvaluate(name, missing);
            }
            if (bool("compliant", c.compliant(), compliant, o, related)) {
                return finding(name, Outcome.COMPLIANT, "", "", List.of());
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<String, Checker.Expression> v : c.values().entrySet()) {
                values.put(v.getKey(), eval("values." + v.getKey(), v.getValue(), o, related));
            }
            return finding(name, Outcome.NONCOMPLIANT, Template.render(c.message(), o, values, false),
                    Template.render(c.remediation(), o, values, true), List.of());
        } catch (CheckerEngine.EvaluationError e) {
            return finding(name, Outcome.ERROR, c.file() + ": " + e.getMessage(), "", List.of());
        }
    }

    private boolean bool(String what, Checker.Expression e, ExpressionMemo memo, Map<String, Object> o,
                         Map<String, Object> related) throws CheckerEngine.EvaluationError {
        Object r;
        try {
            r = memo.evaluate(o, related, !last);
        } catch (RuntimeException | StackOverflowError ex) {
            throw failed(what, e, ex);
        }
        if (r instanceof Boolean b) {
            return b;
        }
        throw new CheckerEngine.EvaluationError(what + " gave " + (r == null ? "no value" : Template.text(r))
                + " instead of true or false (line " + e.line() + ")");
    }

    private Object eval(String what, Checker.Expression e, Map<String, Object> o, Map<String, Object> related)
            throws CheckerEngine.EvaluationError {
        try {
            return evaluate(e, o, related);
        } catch (RuntimeException | StackOverflowError ex) {
            throw failed(what, e, ex);
        }
    }

    private CheckerEngine.EvaluationError failed(String what, Checker.Expression e, Throwable ex) {
        return new CheckerEngine.EvaluationError(what + " (line " + e.line() + ") failed: "
                + CheckerEngine.failure(ex, limits));
    }

    /**
     * One JSONata evaluation with the engine's variables and bounds; throws what the evaluation throws. The time
     * bound is wall-clock time, which a pause of the whole process (garbage collection, a busy machine) also
     * uses up: an evaluation that times out runs once more, unless this checker's evaluations already timed out
     * twice in a row; then it is taken as runaway and its timeouts stand.
     */
    private Object evaluate(Checker.Expression e, Object o, Object related) {
        try {
            return evaluateOnce(e, o, related);
        } catch (RuntimeException first) {
            if (runaway || !CheckerEngine.timedOut(first)) {
                throw first;
            }
            try {
                return evaluateOnce(e, o, related);
            } catch (RuntimeException again) {
                runaway = CheckerEngine.timedOut(again);
                throw again;
            }
        }
    }

    private Object evaluateOnce(Checker.Expression e, Object o, Object related) {
        Jsonata.Frame frame = e.compiled().createFrame();
        frame.setRuntimeBounds(limits.expressionMillis(), limits.maxDepth());
        frame.bind("inventory", inv.asData());
        frame.bind("host", host);
        frame.bind("related", related);
        frame.bind("collected", inv.collectedAt());
        frame.bind("collectedMillis", inv.collectedMillis());
        if (!inv.plainJson()) {
            com.dashjoin.jsonata.Functions.validateInput(o);
        }
        return e.compiled().evaluate(o, frame);
    }

    private Finding finding(String object, Outcome outcome, String message, String remediation,
                            List<String> missing) {
        return new Finding(ruleId, c.file(), c.scope(), object, outcome, message, remediation, missing,
                inv.file(), null);
    }
}
