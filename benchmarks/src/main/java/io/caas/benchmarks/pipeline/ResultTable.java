package io.caas.benchmarks.pipeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

import io.caas.benchmarks.pipeline.MachineCpu.CpuTime;

/**
 * The pipeline benchmark's results as markdown: closed-loop throughput against the bare producer, open-loop
 * latency and loss per offered rate, and each service's memory against its container limit, each beside the
 * target it reports against (figures, not assertions).
 */
final class ResultTable {

    /** A pod's resident memory at idle and after the load, and its container's memory limit in k8s/. */
    record ServiceMemory(String pod, ProcessMemory idle, ProcessMemory afterLoad, String limit, long limitBytes) {
    }

    /** Everything one run measured, and where and how. */
    record Results(Instant measuredAt, String machine, String command, PipelineSettings settings, ClosedLoopRun.Result bare,
            ClosedLoopRun.Result gateway, List<HttpMetricsCost.Result> httpMetricsCost, List<OpenLoopRun.Result> openLoop,
            int socketsClosed, List<ServiceMemory> memory) {
    }

    /** At {@code offered} msg/s, p99 at most {@code p99Millis} and nothing lost. */
    private record LatencyTarget(int offered, long p99Millis) {
    }

    // The targets the issue sets.
    private static final double GATEWAY_TO_BARE = 0.8;
    private static final double POST_RECORDING_COST = 0.02;
    private static final double TRIVIAL_RECORDING_COST = 0.05;
    private static final List<LatencyTarget> LATENCY_TARGETS = List.of(new LatencyTarget(1000, 25), new LatencyTarget(2000, 50));

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ResultTable() {
    }

    static String markdown(Results results) {
        PipelineSettings settings = results.settings();
        StringBuilder out = new StringBuilder();
        out.append(format("Measured %s on %s; the driver, Kafka, PostgreSQL and the four services share the machine. "
                + "%d tenants × %d conversations, one WebSocket per tenant. Reproduce:%n%n",
                MINUTE.format(results.measuredAt()), results.machine(), settings.tenants(), settings.conversations()));
        out.append("```bash\n").append(results.command()).append("\n```\n\n");

        out.append(format("**Closed loop**, %d concurrent senders, acks=all, linger.ms=%d, %d s measured after a %d s warm-up "
                + "(latency: until the acknowledgement, or the 202):%n%n", settings.senders(), settings.lingerMs(),
                settings.closedLoop().toSeconds(), settings.warmup().toSeconds()));
        out.append("| path | msg/s | p50 ms | p99 ms | failed | CPU µs/msg (driver's part) | ÷ bare producer |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        double ratio = results.gateway().perSecond() / results.bare().perSecond();
        closedLoopRow(out, results.bare(), "1.00");
        closedLoopRow(out, results.gateway(), format("**%.2f** (target ≥ %.1f: %s)", ratio, GATEWAY_TO_BARE,
                ratio >= GATEWAY_TO_BARE ? "met" : "missed"));

        out.append(format("%n**HTTP metrics on/off**: the same closed loop against a replica that records HTTP metrics and one "
                + "started with caas.metrics.http.enabled=false, alternating; cost = how much more the recording one spends:%n%n"));
        out.append("| endpoint | recorded req/s | not recorded req/s | throughput cost | CPU µs/req recorded | not recorded | CPU cost "
                + "| round-to-round spread | target |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (HttpMetricsCost.Result cost : results.httpMetricsCost()) {
            double target = cost.endpoint().startsWith("POST") ? POST_RECORDING_COST : TRIVIAL_RECORDING_COST;
            double worse = Math.max(cost.throughputOverhead(), cost.cpuOverhead());
            // A cost smaller than the rounds of one replica differ from each other is not a measurement of anything.
            String verdict = Math.abs(worse) <= cost.roundToRoundSpread() ? "not resolved (within the spread)"
                    : worse <= target ? "met" : "**missed**";
            out.append(format("| %s | %,.0f | %,.0f | %+.1f %% | %,.0f | %,.0f | %+.1f %% | %.1f %% | ≤ %.0f %%: %s |%n", cost.endpoint(),
                    cost.onPerSecond(), cost.offPerSecond(), 100 * cost.throughputOverhead(), 1e6 * cost.onCpuSeconds() / cost.onRequests(),
                    1e6 * cost.offCpuSeconds() / cost.offRequests(), 100 * cost.cpuOverhead(), 100 * cost.roundToRoundSpread(), 100 * target,
                    verdict));
        }

        out.append(format("%n**Open loop** POST /v1/messages → Kafka → WebSocket, %d s per rate after a %d s warm-up at %,d msg/s; "
                + "latency from each message's intended send time to its arrival on the socket; lost: answered 202, not "
                + "arrived %d s after the last send; achieved: arrivals per second from the first send to the last arrival:%n%n",
                settings.step().toSeconds(), settings.warmup().toSeconds(), settings.rates().get(0), settings.grace().toSeconds()));
        out.append("| offered msg/s | achieved msg/s | p50 ms | p95 ms | p99 ms | max ms | lost | non-202 | CPU µs/msg (driver's part) | target |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (OpenLoopRun.Result step : results.openLoop()) {
            Histogram latency = step.latencyMicros();
            out.append(format("| %,d | %,.0f | %s | %s | %s | %s | %,d | %,d | %s | %s |%n", step.offered(), step.achieved(),
                    millis(latency, 50), millis(latency, 95), millis(latency, 99), millis(latency.getMaxValue()), step.lost(),
                    step.notAccepted(), cpuPerMessage(step.cpu(), step.delivered()), target(step)));
        }
        if (results.socketsClosed() > 0) {
            out.append(format("%n**socket closed %d of the benchmark's connections during the run** (reasons in the driver's "
                    + "output); messages to them count as lost.%n", results.socketsClosed()));
        }

        out.append("\n**Memory**: VmRSS of each service's JVM after start-up (idle) and at the end of the load, against its "
                + "container's memory limit in k8s/ (the JVMs run with their image's memory flags, -XX:MaxRAM standing for the limit):\n\n");
        out.append("| pod | idle MiB | after load MiB | k8s limit | after load ÷ limit |\n");
        out.append("|---|---:|---:|---|---:|\n");
        for (ServiceMemory pod : results.memory()) {
            out.append(format("| %s | %.0f | %.0f | %s | %.0f %% |%n", pod.pod(), pod.idle().rssMib(),
                    pod.afterLoad().rssMib(), pod.limit(), 100.0 * pod.afterLoad().rssKib() * 1024 / pod.limitBytes()));
        }
        return out.toString();
    }

    private static void closedLoopRow(StringBuilder out, ClosedLoopRun.Result run, String ratio) {
        out.append(format("| %s | %,.0f | %s | %s | %,d | %s | %s |%n", run.path(), run.perSecond(), millis(run.latencyMicros(), 50),
                millis(run.latencyMicros(), 99), run.failures(), cpuPerMessage(run.cpu(), run.messages()), ratio));
    }

    private static String target(OpenLoopRun.Result step) {
        return LATENCY_TARGETS.stream().filter(target -> target.offered() == step.offered()).findFirst().map(target -> {
            boolean met = step.latencyMicros().getValueAtPercentile(99) <= target.p99Millis() * 1000 && step.lost() == 0;
            return format("p99 ≤ %d ms, 0 lost: %s", target.p99Millis(), met ? "met" : "**missed**");
        }).orElse("");
    }

    private static String millis(Histogram micros, double percentile) {
        return millis(micros.getValueAtPercentile(percentile));
    }

    private static String millis(long micros) {
        return format("%.1f", micros / 1000.0);
    }

    private static String cpuPerMessage(CpuTime cpu, long messages) {
        return messages == 0 ? "–" : format("%,.0f (%,.0f)", cpu.machineSeconds() * 1e6 / messages, cpu.driverSeconds() * 1e6 / messages);
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
