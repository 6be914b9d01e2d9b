package io.bpacat.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs a list's work on every processor, the calling thread included, handing out one item at a time. A parallel
 * stream splits a list into a few large slices (four per helper thread of the common pool); where the items take
 * unequal times, the last slice then runs alone while the other processors wait: on two cores, seconds of a
 * 20,000-page build. Here a processor that finishes an item takes the next one left.
 */
public final class Parallel {
    private Parallel() {
    }

    /** Runs every task; the first failure is thrown once the tasks started have ended (no new one starts then). */
    public static void run(List<? extends Runnable> tasks) {
        map(tasks, task -> {
            task.run();
            return null;
        });
    }

    /** {@code items} mapped by {@code f}, in the items' order (unmodifiable; null results allowed). */
    @SuppressWarnings("unchecked")
    public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> f) {
        Object[] out = new Object[items.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            try {
                for (int i = next.getAndIncrement(); i < out.length; i = next.getAndIncrement()) {
                    out[i] = f.apply(items.get(i));
                }
            } catch (RuntimeException | Error e) {
                next.set(out.length); // the others stop after their current item
                throw e;
            }
        };
        List<ForkJoinTask<?>> helpers = new ArrayList<>();
        for (int h = Math.min(ForkJoinPool.getCommonPoolParallelism(), out.length - 1); h > 0; h--) {
            helpers.add(ForkJoinPool.commonPool().submit(worker));
        }
        Throwable failure = null;
        try {
            worker.run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (ForkJoinTask<?> helper : helpers) {
            try {
                helper.join();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                } else if (failure != e) {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return Collections.unmodifiableList(Arrays.asList((R[]) out));
    }
}
