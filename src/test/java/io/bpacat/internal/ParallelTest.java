package io.bpacat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Work handed out one item at a time to every processor. */
class ParallelTest {
    @Test
    void everyItemIsMappedOnceAndTheResultsKeepTheItemsOrder() {
        List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        List<String> out = Parallel.map(items, i -> {
            assertTrue(seen.add(i), "mapped twice: " + i);
            return i % 7 == 0 ? null : "#" + i;
        });
        assertEquals(items.size(), out.size());
        for (int i = 0; i < items.size(); i++) {
            assertEquals(i % 7 == 0 ? null : "#" + i, out.get(i));
        }
        assertEquals(List.of(), Parallel.map(List.of(), i -> i));
    }

    @Test
    void aFailureIsThrownAndNoNewItemStartsAfterIt() {
        AtomicInteger started = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("item 3 failed");
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int n = i;
            tasks.add(() -> {
                started.incrementAndGet();
                if (n == 3) {
                    throw boom;
                }
                try {
                    Thread.sleep(1); // the items after it cannot all run before the failure is seen
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Parallel.run(tasks));
        assertTrue(thrown == boom || thrown.getCause() == boom || thrown.getMessage().contains("item 3 failed"),
                thrown.toString());
        assertTrue(started.get() < 1000, started.get() + " started: the others stop after their current item");
        Error error = new AssertionError("an error");
        assertSame(error, assertThrows(AssertionError.class, () -> Parallel.run(List.of(() -> {
            throw error;
        }))));
    }
}
