package io.caas.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The supervisor against real OS processes ({@code sleep}), killed with SIGKILL as a crash or the OOM killer would. */
class SupervisorTest {

    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private Supervisor supervisor;

    @AfterEach
    void stop() {
        supervisor.close();
        running.values().forEach(Process::destroyForcibly);
    }

    @Test
    void aKilledProcessIsRestartedWithADoublingBackOffAndCountedWhileTheOthersRunOn() throws Exception {
        start("crashing");
        Process steady = start("steady");
        supervisor = new Supervisor(List.of(supervised("crashing"), supervised("steady")),
                (name, restarts, backOff) -> reported.add(name + " #" + restarts + " in " + backOff.toSeconds() + " s"));

        Process first = running.get("crashing");
        first.destroyForcibly().waitFor();
        await().atMost(Duration.ofSeconds(5)).until(() -> running.get("crashing") != first && running.get("crashing").isAlive());
        Process second = running.get("crashing");
        second.destroyForcibly().waitFor();
        long killed = System.nanoTime();
        await().atMost(Duration.ofSeconds(6)).until(() -> running.get("crashing") != second && running.get("crashing").isAlive());

        assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("the second restart waits twice as long").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(supervisor.restarts("crashing")).isEqualTo(2);
        assertThat(reported).containsExactly("crashing #1 in 1 s", "crashing #2 in 2 s");
        assertThat(supervisor.restarts("steady")).isZero();
        assertThat(running.get("steady")).isSameAs(steady);
    }

    @Test
    void aRestartPendingItsBackOffIsNotDoneOnceClosed() throws Exception {
        start("stopped on purpose");
        supervisor = new Supervisor(List.of(supervised("stopped on purpose")), (name, restarts, backOff) -> reported.add(name));
        Process process = running.get("stopped on purpose");
        process.destroyForcibly().waitFor();
        await().atMost(Duration.ofSeconds(5)).until(() -> !reported.isEmpty()); // seen, restart due in 1 s

        supervisor.close(); // as LocalPlatform.close() does before it stops everything
        Thread.sleep(2_000);

        assertThat(running.get("stopped on purpose")).isSameAs(process);
        assertThat(process.isAlive()).isFalse();
    }

    private Supervisor.Supervised supervised(String name) {
        return new Supervisor.Supervised(name, () -> running.get(name).isAlive(), () -> start(name));
    }

    private Process start(String name) {
        try {
            Process process = new ProcessBuilder("sleep", "300").start();
            running.put(name, process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
