package io.caas.metrics.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.caas.metrics.catalog.MetricCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A label guard shared by request threads: first uses race each other, and the cap must hold anyway. A race is lost
 * only now and then, so each test runs many; the workloads are large enough that the threads overlap when it matters.
 */
class LabelGuardConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 100;
    /** Races of one value each: losing one is rare, so many are run. */
    private static final int RACES = 5_000;
    private static final String OVERFLOW = MetricCatalog.OVERFLOW_VALUE;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    @Test
    void distinctValuesOfferedAtOnceAdmitExactlyTheCapAndCountTheRest() throws Exception {
        int each = 16_384;
        int cap = 2 * each; // no thread fills the cap alone: it fills while the threads offer at once
        List<List<String>> valuesOf = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            valuesOf.add(values("t" + thread + "-", each));
        }
        for (int round = 0; round < ROUNDS; round++) {
            Counter overflow = new SimpleMeterRegistry().counter("overflow");
            LabelGuard guard = new LabelGuard(cap, overflow);
            List<Tally> tallies = atOnce(thread -> tally(guard, valuesOf.get(thread)));

            int admitted = tallies.stream().mapToInt(Tally::admitted).sum();
            int folded = tallies.stream().mapToInt(Tally::folded).sum();
            assertThat(admitted).as("round %d", round).isEqualTo(cap);
            assertThat(folded).as("round %d", round).isEqualTo(THREADS * each - cap);
            assertThat(overflow.count()).as("round %d", round).isEqualTo(folded);
        }
    }

    @Test
    void valuesOfferedByAllThreadsAtOnceAreAdmittedForEachAndTakeOneSlotEach() throws Exception {
        List<String> shared = values("shared-", 4096);
        for (int round = 0; round < ROUNDS; round++) {
            // room for every shared value and one more per thread: nothing may overflow, and exactly those are left
            LabelGuard guard = new LabelGuard(shared.size() + THREADS, new SimpleMeterRegistry().counter("overflow"));
            assertThat(atOnce(thread -> tally(guard, shared))).as("round %d", round)
                    .containsOnly(new Tally(shared.size(), 0));

            for (String other : values("other-", THREADS)) {
                assertThat(guard.admit(other)).as("round %d: a slot left after the race", round).isEqualTo(other);
            }
            assertThat(guard.admit("one-too-many")).as("round %d", round).isEqualTo(OVERFLOW);
        }
    }

    @Test
    void anAdmittedValueKeepsPassingForEveryThreadOnceTheCapIsReached() throws Exception {
        LabelGuard guard = new LabelGuard(16, new SimpleMeterRegistry().counter("overflow"));
        List<String> candidates = values("v-", 64);
        List<Map<String, List<String>>> results = atOnce(thread -> {
            List<String> mine = new ArrayList<>(candidates);
            Collections.shuffle(mine);
            Map<String, List<String>> resultsByValue = new LinkedHashMap<>();
            for (int pass = 0; pass < 3; pass++) {
                for (String value : mine) {
                    resultsByValue.computeIfAbsent(value, v -> new ArrayList<>()).add(guard.admit(value));
                }
            }
            return resultsByValue;
        });

        Set<String> admitted = new HashSet<>();
        for (Map<String, List<String>> byValue : results) {
            byValue.forEach((value, seen) -> {
                int first = seen.indexOf(value);
                if (first >= 0) {
                    admitted.add(value);
                    assertThat(seen.subList(first, seen.size())).as("%s after its admission", value).containsOnly(value);
                }
            });
        }
        assertThat(admitted).hasSizeLessThanOrEqualTo(16);
    }

    @Test
    void aValueEveryThreadOffersAtOnceForTheLastSlotIsAdmittedForAll() throws Exception {
        for (int round = 0; round < RACES; round++) {
            LabelGuard guard = new LabelGuard(1, new SimpleMeterRegistry().counter("overflow"));
            assertThat(atOnce(thread -> guard.admit("last"))).as("round %d", round).containsOnly("last");
        }
    }

    /** How many offered values a thread saw let through, and how many folded into the overflow value. */
    private record Tally(int admitted, int folded) {
    }

    private static Tally tally(LabelGuard guard, List<String> values) {
        int admitted = 0;
        int folded = 0;
        for (String value : values) {
            String result = guard.admit(value);
            if (result.equals(value)) {
                admitted++;
            } else if (result.equals(OVERFLOW)) {
                folded++;
            }
        }
        return new Tally(admitted, folded);
    }

    /** Runs {@code task} on every thread, released together by one start gate, and returns each thread's result. */
    private <T> List<T> atOnce(IntFunction<T> task) throws Exception {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> running = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            int id = thread;
            running.add(pool.submit(() -> {
                ready.countDown();
                start.await();
                return task.apply(id);
            }));
        }
        ready.await();
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> result : running) {
            results.add(result.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    private static List<String> values(String prefix, int count) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(prefix + i);
        }
        return values;
    }
}
