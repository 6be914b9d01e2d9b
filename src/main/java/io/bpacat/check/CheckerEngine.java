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

    public CheckerEngine(Limits limits, Function<Checker, String> ruleIds) {
        this.limits = limits;
        this.ruleIds = ruleIds;
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
        private final InventoryModel.Collection scope;
        private final Set<String> relatedCollections = new LinkedHashSet<>();
        private final List<Finding> out = new ArrayList<>();
        private final long deadline;

        Run(Checker c, Inventory inv) {
            this.c = c;
            this.inv = inv;
            this.ruleId = ruleIds.apply(c);
            this.scope = inv.model().collection(c.scope()).orElseThrow();
            this.deadline = System.nanoTime() + limits.checkerMillis() * 1_000_000;
            for (String col : c.reads().keySet()) {
                if (!col.equals(c.scope()) && linked(col)) {
                    relatedCollections.add(col);
                }
            }
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
            for (int i = 0; i < objects.size(); i++) {
                out.add(object(objects.get(i), i));
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

        private void missingFields(String col, Map<String, Object> o, List<String> missing) {
            Map<String, String> leftOut = inv.leftOut(o);
            for (String f : c.reads().getOrDefault(col, List.of())) {
                if (!present(o, f, leftOut)) {
                    missing.add(col + "." + f + (leftOut.containsKey(f) ? " (" + leftOut.get(f) + ")" : ""));
                }
            }
        }

        private Finding object(Map<String, Object> o, int index) {
            String name = displayName(o, index);
            Map<String, Object> related = inv.related(o);
            List<String> missing = new ArrayList<>();
            missingFields(c.scope(), o, missing);
            for (String col : relatedCollections) {
                for (Object x : (List<?>) related.getOrDefault(col, List.of())) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) x;
                    missingFields(col, m, missing);
                }
            }
            missingRequired(related, true, missing);
            if (!missing.isEmpty()) {
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
         * before it runs ({@code beforeApplies}); the others only once the rule applies.
         */
        private void missingRequired(Map<String, Object> related, boolean beforeApplies, List<String> missing) {
            for (String col : c.require()) {
                boolean readByApplies = c.applies() != null && c.applies().source().contains(col);
                if (readByApplies == beforeApplies && ((List<?>) related.getOrDefault(col, List.of())).isEmpty()) {
                    missing.add(col + " (no " + col + " object for this " + c.scope() + ")");
                }
            }
        }

        private Finding cannotEvaluate(String name, List<String> missing) {
            List<String> distinct = new ArrayList<>(new LinkedHashSet<>(missing));
            return finding(name, Outcome.CANNOT_EVALUATE, "missing " + String.join(", ", distinct), "", distinct);
        }

        private Finding evaluate(Map<String, Object> o, String name, Map<String, Object> related) {
            try {
                if (c.applies() != null && !bool("applies", c.applies(), o, related)) {
                    return finding(name, Outcome.NOT_APPLICABLE, "", "", List.of());
                }
                List<String> missing = new ArrayList<>();
                missingRequired(related, false, missing);
                if (!missing.isEmpty()) {
                    return cannotEvaluate(name, missing);
                }
                if (bool("compliant", c.compliant(), o, related)) {
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

        private boolean bool(String what, Checker.Expression e, Map<String, Object> o, Map<String, Object> related)
                throws EvaluationError {
            Object r = eval(what, e, o, related);
            if (r instanceof Boolean b) {
                return b;
            }
            throw new EvaluationError(what + " gave " + (r == null ? "no value" : Template.text(r))
                    + " instead of true or false (line " + e.line() + ")");
        }

        private Object eval(String what, Checker.Expression e, Map<String, Object> o, Map<String, Object> related)
                throws EvaluationError {
            Jsonata.Frame frame = e.compiled().createFrame();
            frame.setRuntimeBounds(limits.expressionMillis(), limits.maxDepth());
            frame.bind("inventory", inv.asData());
            Object host = inv.asData().get("VMHost");
            frame.bind("host", host == null ? Map.of() : host);
            frame.bind("related", related);
            frame.bind("collected", inv.collectedAt());
            frame.bind("collectedMillis", inv.collectedMillis());
            try {
                return e.compiled().evaluate(o, frame);
            } catch (RuntimeException | StackOverflowError ex) {
                throw new EvaluationError(what + " (line " + e.line() + ") failed: " + failure(ex));
            }
        }

        private String displayName(Map<String, Object> o, int index) {
            String name = Template.render(scope.display(), o, null, false);
            return name.isBlank() || name.equals("?") ? c.scope() + "[" + index + "]" : name;
        }

        private Finding finding(String object, Outcome outcome, String message, String remediation,
                                List<String> missing) {
            return new Finding(ruleId, c.file(), c.scope(), object, outcome, message, remediation, missing,
                    inv.file(), null);
        }
    }

    /**
     * Why an evaluation failed, in words both JSONata engines can give (their messages differ, their error codes
     * do not): the time or depth bound, else the JSONata error code (documented at docs.jsonata.org/errors).
     */
    String failure(Throwable ex) {
        String code = ex instanceof com.dashjoin.jsonata.JException j ? j.getError() : null;
        String msg = String.valueOf(ex.getMessage());
        if (code != null && code.contains("timeout") || code == null && msg.contains("timeout")) {
            return "ran longer than " + limits.expressionMillis() + " ms";
        }
        if (ex instanceof StackOverflowError || msg.contains("Stack overflow") || code != null
                && code.contains("Stack overflow")) {
            return "recursion deeper than " + limits.maxDepth() + " levels";
        }
        return code != null ? "JSONata error " + code : ex.getClass().getSimpleName() + ": " + msg;
    }

    /** True when the field path is there: the key exists at every level, and normalization did not drop it. */
    static boolean present(Map<String, Object> o, String path, Map<String, String> leftOut) {
        if (leftOut.containsKey(path) || leftOut.containsKey(path.split("\\.")[0])) {
            return false;
        }
        return present(o, path.split("\\."), 0);
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
