package io.caas.benchmarks.pipeline;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.caas.benchmarks.pipeline.MachineCpu.CpuTime;

/**
 * Closed-loop throughput: a fixed number of senders, each sending its next message as soon as its previous one
 * was answered, so the rate is what a path sustains at that concurrency. Counted over a measured window after a
 * warm-up; the senders then finish what they have in flight before the next run starts.
 */
final class ClosedLoopRun {

    /** One path's figures: acknowledged messages in the window, failures, answer times (µs), CPU spent. */
    record Result(String path, long messages, double seconds, long failures, Histogram latencyMicros, CpuTime cpu) {
        double perSecond() {
            return messages / seconds;
        }
    }

    /** Starts {@code count} senders that report every answer to {@code answers} until it says stop. */
    interface Senders {
        void start(int count, Answers answers);
    }

    /** Where senders report answers, learn whether to go on, and say when they stopped. */
    static final class Answers {
        private final Recorder latency = new Recorder(3);
        private final LongAdder acknowledged = new LongAdder();
        private final LongAdder failed = new LongAdder();
        private final CountDownLatch stopped;
        private volatile boolean running = true;

        private Answers(int senders) {
            stopped = new CountDownLatch(senders);
        }

        boolean running() {
            return running;
        }

        void answered(long sentNanos, boolean acknowledged) {
            latency.recordValue((System.nanoTime() - sentNanos) / 1000);
            (acknowledged ? this.acknowledged : failed).increment();
        }

        void senderStopped() {
            stopped.countDown();
        }
    }

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private ClosedLoopRun() {
    }

    static Result run(String path, int senders, Duration warmup, Duration measured, Senders start) throws InterruptedException {
        Answers answers = new Answers(senders);
        start.start(senders, answers);
        Thread.sleep(warmup.toMillis());
        answers.latency.reset();
        long acknowledged = answers.acknowledged.sum();
        long failed = answers.failed.sum();
        CpuTime cpu = MachineCpu.read();
        long from = System.nanoTime();
        Thread.sleep(measured.toMillis());
        Result result = new Result(path, answers.acknowledged.sum() - acknowledged, (System.nanoTime() - from) / 1e9,
                answers.failed.sum() - failed, answers.latency.getIntervalHistogram(), MachineCpu.read().minus(cpu));
        answers.running = false;
        if (!answers.stopped.await(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(path + ": the senders did not stop within " + STOP_TIMEOUT);
        }
        return result;
    }
}
