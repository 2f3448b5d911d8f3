package io.caas.benchmarks.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.sun.management.OperatingSystemMXBean;

/**
 * CPU time spent so far: by the whole machine (every core's busy time from /proc/stat: Kafka, PostgreSQL, the
 * services and this driver alike) and by this driver's JVM, which shares the cores with what it measures.
 */
final class MachineCpu {

    /** CPU seconds: the machine's busy time and, part of it, this driver's. */
    record CpuTime(double machineSeconds, double driverSeconds) {
        CpuTime minus(CpuTime earlier) {
            return new CpuTime(machineSeconds - earlier.machineSeconds, driverSeconds - earlier.driverSeconds);
        }
    }

    // /proc/stat counts in USER_HZ ticks, 100 per second on every Linux architecture (the kernel's ABI).
    private static final double TICKS_PER_SECOND = 100;
    private static final Path STAT = Path.of("/proc/stat");
    private static final OperatingSystemMXBean DRIVER = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private MachineCpu() {
    }

    /**
     * Waits until the machine is nearly idle (under {@code busyShare} of all cores for two seconds running), at most
     * {@code timeout}: what one phase left behind (consumers catching up, JIT) must not be billed to the next.
     * Returns whether it got there.
     */
    static boolean awaitQuiet(double busyShare, Duration timeout) throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        long deadline = System.nanoTime() + timeout.toNanos();
        int quietSeconds = 0;
        CpuTime before = read();
        while (quietSeconds < 2 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            CpuTime now = read();
            quietSeconds = now.minus(before).machineSeconds() < busyShare * cores ? quietSeconds + 1 : 0;
            before = now;
        }
        return quietSeconds >= 2;
    }

    static CpuTime read() {
        try (var lines = Files.lines(STAT)) {
            String all = lines.findFirst().orElseThrow(() -> new IllegalStateException("/proc/stat is empty"));
            return new CpuTime(busySeconds(all), DRIVER.getProcessCpuTime() / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException("The pipeline benchmark reads CPU time from /proc/stat (Linux only)", e);
        }
    }

    /**
     * Busy seconds of the "cpu" line of /proc/stat (all cores): user, nice, system, irq, softirq and steal; idle
     * and iowait are not work. Guest time is already part of user and nice.
     */
    static double busySeconds(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        if (!fields[0].equals("cpu")) {
            throw new IllegalArgumentException("not the all-cores line of /proc/stat: " + cpuLine);
        }
        long busy = 0;
        for (int field : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system [idle iowait] irq softirq steal
            busy += Long.parseLong(fields[field]);
        }
        return busy / TICKS_PER_SECOND;
    }
}
