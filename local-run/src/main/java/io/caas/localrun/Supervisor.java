package io.caas.localrun;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Restarts what exits, as the kubelet restarts a pod's container: after a back-off that doubles with each restart
 * in a row (1 s up to 30 s; the kubelet's is 10 s up to 5 min, too slow for a laptop) and resets once the process
 * stayed up for a minute. Each restart is counted and reported, like kube_pod_container_status_restarts_total.
 */
final class Supervisor implements AutoCloseable {

    /** Something that runs on its own and can be started again. */
    record Supervised(String name, BooleanSupplier alive, Restart restart) {
    }

    /** Starts it again; a failure counts as one more exit. */
    interface Restart {
        void run() throws Exception;
    }

    /** Where restarts are told, e.g. the console. */
    interface Report {
        void restarting(String name, int restarts, Duration backOff);
    }

    private static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACK_OFF = Duration.ofSeconds(30);
    private static final Duration STABLE = Duration.ofMinutes(1);
    private static final Duration CHECK = Duration.ofMillis(500);

    private final List<Supervised> supervised;
    private final Report report;
    private final Map<String, Integer> restarts = new ConcurrentHashMap<>();
    private final Thread thread;
    // Set before the interrupt: a restart action may swallow interrupts (Kafka's readiness wait does), this may not.
    private volatile boolean closed;

    Supervisor(List<Supervised> supervised, Report report) {
        this.supervised = List.copyOf(supervised);
        this.report = report;
        supervised.forEach(s -> restarts.put(s.name(), 0));
        this.thread = new Thread(this::watch, "supervisor");
        thread.setDaemon(true);
        thread.start();
    }

    /** How often {@code name} was restarted so far. */
    int restarts(String name) {
        return restarts.getOrDefault(name, 0);
    }

    /** Stops watching (before a deliberate stop of everything, which must not be undone). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(60).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void watch() {
        Map<String, Duration> backOff = new HashMap<>();
        Map<String, Long> upSince = new HashMap<>();
        Map<String, Long> restartAt = new HashMap<>(); // of the exited ones: when their back-off ends
        supervised.forEach(s -> upSince.put(s.name(), System.nanoTime()));
        while (!closed) {
            for (Supervised each : supervised) {
                String name = each.name();
                long now = System.nanoTime();
                if (!restartAt.containsKey(name)) {
                    if (each.alive().getAsBoolean()) {
                        if (now - upSince.get(name) > STABLE.toNanos()) {
                            backOff.remove(name);
                        }
                        continue;
                    }
                    Duration wait = backOff.getOrDefault(name, FIRST_BACK_OFF);
                    backOff.put(name, wait.multipliedBy(2).compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : wait.multipliedBy(2));
                    restartAt.put(name, now + wait.toNanos());
                    report.restarting(name, restarts.merge(name, 1, Integer::sum), wait);
                } else if (now >= restartAt.get(name) && !closed) {
                    restartAt.remove(name);
                    upSince.put(name, now);
                    try {
                        each.restart().run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        System.err.println(name + " did not start again: " + e.getMessage());
                    }
                }
            }
            try {
                Thread.sleep(CHECK.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
