package io.bpacat.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Evaluates checkers on an inventory: one {@link Finding} per checker and inspected object. Before any
 * expression runs, the fields the checker declares in {@code reads} must be there; otherwise the object is
 * "cannot evaluate", naming them. Each evaluation is bounded in time and depth; a broken or runaway expression
 * gives "error" naming the checker file, and never stops the other checkers.
 *
 * <p>Every expression sees the inspected object as its input and these variables: {@code $inventory} (all
 * collections), {@code $host} (the VMHost object), {@code $related} (objects of other collections linked to this
 * one, by collection, and under {@code roots} the roots of path fields, {@link PathRoot}), {@code $collected} (when
 * the inventory was collected, ISO 8601) and {@code $collectedMillis}.
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
     * All checkers on one inventory, in checker order, objects in inventory order; the result does not depend on
     * the thread count. Large inventories are cut into one slice of objects per processor, and each thread runs
     * every checker over its slice a block of objects at a time, so an object is read from memory once for all the
     * checkers that inspect it. Each slice has its own compiled-expression state ({@link CheckerRun}).
     */
    public List<Finding> run(List<Checker> checkers, Inventory inv) {
        List<String> scopes = checkers.stream().map(Checker::scope).distinct().toList();
        long work = checkers.stream().mapToLong(c -> inv.objects(c.scope()).size()).sum();
        int slices = work < PARALLEL_ABOVE ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
        List<AtomicLong> spent = new ArrayList<>();
        List<List<Finding>> head = new ArrayList<>();
        CheckerRun[][] runs = new CheckerRun[slices][checkers.size()];
        for (int k = 0; k < checkers.size(); k++) {
            Checker c = checkers.get(k);
            spent.add(new AtomicLong());
            for (int s = 0; s < slices; s++) {
                runs[s][k] = new CheckerRun(c, ruleIds.apply(c), inv, limits, memoize, spent.get(k));
            }
            head.add(runs[0][k].preamble());
        }
        // $related of the collections whose checkers can see it, computed before the slices share it
        for (int k = 0; k < checkers.size(); k++) {
            if (runs[0][k].needsRelated()) {
                inv.related(checkers.get(k).scope());
            }
        }
        if (slices > 1) {
            // what every slice looks up, computed once for all of them and in parallel before they start, instead
            // of by the first slice to ask while the others wait for it
            scopes.parallelStream().forEach(inv::displayNames);
            IntStream.range(0, checkers.size()).parallel().filter(k -> head.get(k).isEmpty())
                    .forEach(k -> runs[0][k].prepare());
        }
        List<List<List<Finding>>> parts = inSlices(slices, s -> slice(checkers, inv, scopes, head, runs[s], s, slices));
        int count = 0;
        for (int k = 0; k < checkers.size(); k++) {
            count += head.get(k).size();
            for (List<List<Finding>> part : parts) {
                count += part.get(k).size();
            }
        }
        List<Finding> out = new ArrayList<>(count);
        for (int k = 0; k < checkers.size(); k++) {
            out.addAll(head.get(k));
            for (List<List<Finding>> part : parts) {
                out.addAll(part.get(k));
            }
        }
        return out;
    }

    public List<Finding> run(Checker c, Inventory inv) {
        return run(List.of(c), inv);
    }

    /** Objects per block: the objects of a block stay in the processor's cache while every checker reads them. */
    private static final int BLOCK = 64;
    /** Below this many checker-object pairs, everything runs on the calling thread. */
    private static final long PARALLEL_ABOVE = 20_000;

    /** Findings of slice {@code s} of {@code slices}, by checker. */
    private static List<List<Finding>> slice(List<Checker> checkers, Inventory inv, List<String> scopes,
                                             List<List<Finding>> head, CheckerRun[] runs, int s, int slices) {
        List<List<Finding>> out = new ArrayList<>();
        for (Checker c : checkers) { // one finding per object of the slice: no list grows
            int n = inv.objects(c.scope()).size();
            out.add(new ArrayList<>((int) ((long) n * (s + 1) / slices - (long) n * s / slices)));
        }
        for (String scope : scopes) {
            int n = inv.objects(scope).size();
            int from = (int) ((long) n * s / slices);
            int to = (int) ((long) n * (s + 1) / slices);
            for (int block = from; block < to; block += BLOCK) {
                for (int k = 0; k < checkers.size(); k++) {
                    if (checkers.get(k).scope().equals(scope) && head.get(k).isEmpty()) {
                        runs[k].objects(block, Math.min(to, block + BLOCK), out.get(k));
                    }
                }
            }
        }
        return out;
    }

    /** Runs {@code task} for each slice, on one thread per slice when there are several. */
    private static <T> List<T> inSlices(int slices, java.util.function.IntFunction<T> task) {
        if (slices == 1) {
            return List.of(task.apply(0));
        }
        ExecutorService pool = Executors.newFixedThreadPool(slices, r -> {
            Thread t = new Thread(null, r, "bpacat-checker", 64L * 1024 * 1024);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int s = 0; s < slices; s++) {
                int slice = s;
                futures.add(pool.submit(() -> task.apply(slice)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a checker failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Why an evaluation failed, in words both JSONata engines can give (their messages differ, their error codes
     * do not): the time or depth bound, else the JSONata error code (documented at docs.jsonata.org/errors).
     */
    String failure(Throwable ex) {
        return failure(ex, limits);
    }

    static String failure(Throwable ex, Limits limits) {
        String code = ex instanceof com.dashjoin.jsonata.JException j ? j.getError() : null;
        String msg = String.valueOf(ex.getMessage());
        if (timedOut(ex)) {
            return "ran longer than " + limits.expressionMillis() + " ms";
        }
        if (ex instanceof StackOverflowError || msg.contains("Stack overflow") || code != null
                && code.contains("Stack overflow")) {
            return "recursion deeper than " + limits.maxDepth() + " levels";
        }
        return code != null ? "JSONata error " + code : ex.getClass().getSimpleName() + ": " + msg;
    }

    /** True when the evaluation was stopped at its time bound. */
    static boolean timedOut(Throwable ex) {
        String code = ex instanceof com.dashjoin.jsonata.JException j ? j.getError() : null;
        String msg = String.valueOf(ex.getMessage());
        return code != null && code.contains("timeout") || code == null && msg.contains("timeout");
    }

    /** True when the field path is there: the key exists at every level, and normalization did not drop it. */
    static boolean present(Map<String, Object> o, String path, Map<String, String> leftOut) {
        return present(o, path, path.split("\\."), leftOut);
    }

    static boolean present(Map<String, Object> o, String path, String[] parts, Map<String, String> leftOut) {
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
