package io.caas.benchmarks.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import io.vertx.core.Future;

/**
 * What recording HTTP metrics costs, measured in one run: the same request, closed loop, against a replica that
 * records (caas.metrics.http.enabled, the default) and one that does not. Both are first warmed alike (a replica
 * that served less is JIT-compiled less: the first runs measured a cold replica as half as fast), then measured in
 * rounds whose order alternates, so drift of the machine falls on both alike.
 */
final class HttpMetricsCost {

    /** Sums over the rounds of one endpoint: requests answered as expected, seconds measured, machine CPU seconds. */
    record Result(String endpoint, long onRequests, double onSeconds, double onCpuSeconds, long offRequests, double offSeconds,
            double offCpuSeconds, double roundToRoundSpread) {

        double onPerSecond() {
            return onRequests / onSeconds;
        }

        double offPerSecond() {
            return offRequests / offSeconds;
        }

        /** Throughput lost to the recording: off ÷ on − 1. */
        double throughputOverhead() {
            return offPerSecond() / onPerSecond() - 1;
        }

        /** Machine CPU per request with recording ÷ without, − 1. */
        double cpuOverhead() {
            return (onCpuSeconds / onRequests) / (offCpuSeconds / offRequests) - 1;
        }
    }

    // Unmeasured load on each replica before the rounds.
    private static final Duration WARM = Duration.ofSeconds(10);

    /** The pod property that turns the recording off. */
    static final String DISABLED_PROPERTY = "caas.metrics.http.enabled";

    /** What happens between two runs, e.g. waiting until the machine is quiet again. */
    interface Pause {
        void await() throws InterruptedException;
    }

    private HttpMetricsCost() {
    }

    static Result measure(String endpoint, int senders, int rounds, Duration warmup, Duration measured,
            IntFunction<Future<Boolean>> on, IntFunction<Future<Boolean>> off, Pause betweenRuns) throws InterruptedException {
        long onRequests = 0;
        long offRequests = 0;
        double onSeconds = 0;
        double offSeconds = 0;
        double onCpu = 0;
        double offCpu = 0;
        List<Double> onRates = new ArrayList<>();
        List<Double> offRates = new ArrayList<>();
        ClosedLoopRun.run(endpoint + " (warming the recording replica)", senders, WARM, WARM, new RequestSenders(on));
        betweenRuns.await();
        ClosedLoopRun.run(endpoint + " (warming the other)", senders, WARM, WARM, new RequestSenders(off));
        betweenRuns.await();
        for (int round = 0; round < rounds; round++) {
            boolean recordedFirst = round % 2 == 0;
            ClosedLoopRun.Result first = ClosedLoopRun.run(endpoint, senders, warmup, measured, new RequestSenders(recordedFirst ? on : off));
            betweenRuns.await();
            ClosedLoopRun.Result second = ClosedLoopRun.run(endpoint, senders, warmup, measured, new RequestSenders(recordedFirst ? off : on));
            betweenRuns.await();
            ClosedLoopRun.Result recorded = recordedFirst ? first : second;
            ClosedLoopRun.Result unrecorded = recordedFirst ? second : first;
            onRates.add(recorded.perSecond());
            offRates.add(unrecorded.perSecond());
            onRequests += recorded.messages();
            onSeconds += recorded.seconds();
            onCpu += recorded.cpu().machineSeconds();
            offRequests += unrecorded.messages();
            offSeconds += unrecorded.seconds();
            offCpu += unrecorded.cpu().machineSeconds();
        }
        return new Result(endpoint, onRequests, onSeconds, onCpu, offRequests, offSeconds, offCpu,
                Math.max(spread(onRates), spread(offRates)));
    }

    /** How far one replica's rounds differ from each other: (fastest − slowest) ÷ slowest. */
    static double spread(List<Double> rates) {
        double slowest = rates.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double fastest = rates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return slowest == 0 ? 0 : fastest / slowest - 1;
    }
}
