package io.caas.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * What {@link RequestClockBenchmark.TickedWallClock}'s ticker thread costs while the service does nothing: its own
 * CPU time per second of wall time over 20 s. Run (after the JMH build):
 * {@code java -cp "benchmarks/target/classes:$(./mvnw -q -Pbench -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" io.caas.benchmarks.TickerCost}
 */
public final class TickerCost {

    private TickerCost() {
    }

    public static void main(String[] args) throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (RequestClockBenchmark.TickedWallClock clock = new RequestClockBenchmark.TickedWallClock()) {
            Thread.sleep(1_000);
            long ticker = Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds())).filter(info -> info != null
                    && info.getThreadName().equals("wall-clock-ticker")).mapToLong(ThreadInfo::getThreadId).findFirst().orElseThrow();
            long cpuBefore = threads.getThreadCpuTime(ticker);
            long wallBefore = System.nanoTime();
            Thread.sleep(20_000);
            double cpuMillisPerSecond = (threads.getThreadCpuTime(ticker) - cpuBefore) / 1e6 / ((System.nanoTime() - wallBefore) / 1e9);
            System.out.printf("ticker: %.2f ms CPU per second (%.1f µs per tick) with wall time read as %d%n",
                    cpuMillisPerSecond, cpuMillisPerSecond * 10, clock.wallTime());
        }
    }
}
