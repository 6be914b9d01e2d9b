package io.bpacat.check;

import com.dashjoin.jsonata.Jsonata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Evaluates checkers on an inventory: one {@link Finding} per checker and inspected object. Before any
 * expression runs, the fields the checker declares in {@code reads} must be there; otherwise the object is
 * "cannot evaluate", naming them. Each evaluation is bounded in time and depth; a broken or runaway expression
 * gives "error" naming the checker file, and never stops the other checkers.
 *
 * <p>Every expression sees the inspected object as its input and these variables: {@code $inventory} (all
 * collections), {@code $host} (the VMHost object), {@code $related} (objects of other collections linked to this
 * one, by collection), {@code $collected} (when the inventory was collected, ISO 8601) and
 * {@code $collectedMillis}.
 */
public final class CheckerEngine {
    /** Time and depth bounds: per expression evaluation, and for one checker over one inventory. */
    public record Limits(long expressionMillis, int maxDepth, long checkerMillis) {
        public static final Limits DEFAULT = new Limits(2_000, 200, 30_000);
    }

    static final String WHOLE_INVENTORY = "(inventory)";
    static final String NO_OBJECTS = "(none)";

    private final Limits limits;
    private final Function<Checker, String> ruleIds;
    private final boolean memoize;

    public CheckerEngine(Limits limits, Function<Checker, String> ruleIds) {
        this(limits, ruleIds, true);
    }

    /**
     * @param memoize reuse an expression's result for objects that look the same to it ({@link ExpressionMemo});
     *                the findings are the same either way
     */
    public CheckerEngine(Limits limits, Function<Checker, String> ruleIds, boolean memoize) {
        this.limits = limits;
        this.ruleIds = ruleIds;
        this.memoize = memoize;
    }

    public CheckerEngine() {
        this(Limits.DEFAULT, CheckerEngine::defaultRuleId);
    }

    /** The catalog ID of a checker's rule: its asset ID, or the ID the catalog derives from a page file name. */
    public static String defaultRuleId(Checker c) {
        if (c.rule() != null) {
            return c.rule();
        }
        String stem = c.page().replaceFirst("\\.md$", "");
        return stem.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * All checkers on one inventory, in checker order, objects in inventory order. Checkers run in parallel (each
     * compiled expression is used by one thread at a time); the result does not depend on the thread count.
     */
    public List<Finding> run(List<Checker> checkers, Inventory inv) {
        inv.prepareLinks();
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), checkers.size()));
        if (threads == 1) {
            List<Finding> out = new ArrayList<>();
            checkers.forEach(c -> out.addAll(run(c, inv)));
            return out;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(null, r, "bpacat-checker", 64L * 1024 * 1024);
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<List<Finding>>> futures = new ArrayList<>();
            for (Checker c : checkers) {
                futures.add(pool.submit(() -> run(c, inv)));
            }
            List<Finding> out = new ArrayList<>();
            for (java.util.concurrent.Future<List<Finding>> f : futures) {
                out.addAll(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a checker failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    public List<Finding> run(Checker c, Inventory inv) {
        Run r = new Run(c, inv);
        return r.findings();
    }

    /** One checker over one inventory. */
    private final class Run {
        private final Checker c;
        private final Inventory inv;
        private final String ruleId;
        private final Set<String> relatedCollections = new LinkedHashSet<>();
        private final List<Finding> out = new ArrayList<>();
        private final long deadline;
        private final Map<String, String[][]> readPaths = new LinkedHashMap<>();
        private final List<String> requiredBeforeApplies = new ArrayList<>();
        private final List<String> requiredAfterApplies = new ArrayList<>();
        private final Object host;
        private final ExpressionMemo applies;
        private final ExpressionMemo compliant;

        Run(Checker c, Inventory inv) {
            this.c = c;
            this.inv = inv;
            this.ruleId = ruleIds.apply(c);
            this.deadline = System.nanoTime() + limits.checkerMillis() * 1_000_000;
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
            this.applies = c.applies() == null ? null : memo(c.applies());
            this.compliant = memo(c.compliant());
        }

        private ExpressionMemo memo(Checker.Expression e) {
            return new ExpressionMemo(e.source(), (input, related) -> evaluateOnce(e, input, related), memoize);
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

        List<Finding> findings() {
            List<String> missing = missingCollections();
            if (!missing.isEmpty()) {
                out.add(finding(WHOLE_INVENTORY, Outcome.CANNOT_EVALUATE, "the inventory lacks "
                        + String.join(", ", missing), "", missing));
                return out;
            }
            List<Map<String, Object>> objects = inv.objects(c.scope());
            if (objects.isEmpty()) {
                out.add(finding(NO_OBJECTS, Outcome.NOT_APPLICABLE, "the inventory holds no " + c.scope()
                        + " objects", "", List.of()));
                return out;
            }
            List<String> names = inv.displayNames(c.scope());
            for (int i = 0; i < objects.size(); i++) {
                out.add(object(objects.get(i), names.get(i)));
            }
            return out;
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
                if (!present(o, f, paths[i], leftOut)) {
                    if (missing == null) {
                        missing = new ArrayList<>();
                    }
                    missing.add(col + "." + f + (leftOut.containsKey(f) ? " (" + leftOut.get(f) + ")" : ""));
                }
            }
            return missing;
        }

        private Finding object(Map<String, Object> o, String name) {
            Map<String, Object> related = inv.related(o);
            List<String> missing = missingFields(c.scope(), o, null);
            for (String col : relatedCollections) {
                for (Object x : (List<?>) related.getOrDefault(col, List.of())) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) x;
                    missing = missingFields(col, m, missing);
                }
            }
            missing = missingRequired(related, requiredBeforeApplies, missing);
            if (missing != null) {
                return cannotEvaluate(name, missing);
            }
            if (System.nanoTime() > deadline) {
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
            for (String col : required) {
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
            } catch (EvaluationError e) {
                return finding(name, Outcome.ERROR, c.file() + ": " + e.getMessage(), "", List.of());
            }
        }

        private boolean bool(String what, Checker.Expression e, ExpressionMemo memo, Map<String, Object> o,
                             Map<String, Object> related) throws EvaluationError {
            Object r;
            try {
                r = memo.evaluate(o, related);
            } catch (RuntimeException | StackOverflowError ex) {
                throw failed(what, e, ex);
            }
            if (r instanceof Boolean b) {
                return b;
            }
            throw new EvaluationError(what + " gave " + (r == null ? "no value" : Template.text(r))
                    + " instead of true or false (line " + e.line() + ")");
        }

        private Object eval(String what, Checker.Expression e, Map<String, Object> o, Map<String, Object> related)
                throws EvaluationError {
            try {
                return evaluateOnce(e, o, related);
            } catch (RuntimeException | StackOverflowError ex) {
                throw failed(what, e, ex);
            }
        }

        private EvaluationError failed(String what, Checker.Expression e, Throwable ex) {
            String msg = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            if (ex instanceof StackOverflowError) {
                msg = "recursion too deep";
            }
            return new EvaluationError(what + " (line " + e.line() + ") failed: " + msg);
        }

        /** One JSONata evaluation with the engine's variables and bounds; throws what the evaluation throws. */
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

    /** True when the field path is there: the key exists at every level, and normalization did not drop it. */
    static boolean present(Map<String, Object> o, String path, Map<String, String> leftOut) {
        return present(o, path, path.split("\\."), leftOut);
    }

    private static boolean present(Map<String, Object> o, String path, String[] parts, Map<String, String> leftOut) {
        if (!leftOut.isEmpty() && (leftOut.containsKey(path) || leftOut.containsKey(parts[0]))) {
            return false;
        }
        return present(o, parts, 0);
    }

    private static boolean present(Object cur, String[] parts, int i) {
        if (i == parts.length) {
            return true;
        }
        if (cur instanceof Map<?, ?> m) {
            return m.containsKey(parts[i]) && present(m.get(parts[i]), parts, i + 1);
        }
        if (cur instanceof List<?> l) {
            return l.stream().allMatch(x -> present(x, parts, i));
        }
        return cur == null;
    }

    /** A checker's expression failed; the message names what and where. */
    static final class EvaluationError extends Exception {
        EvaluationError(String message) {
            super(message);
        }
    }
}
