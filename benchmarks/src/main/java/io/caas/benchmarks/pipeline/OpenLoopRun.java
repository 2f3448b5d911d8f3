package io.caas.benchmarks.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.caas.benchmarks.pipeline.MachineCpu.CpuTime;

/**
 * Open-loop load, POST → Kafka → WebSocket: messages are sent at fixed intervals whatever the answers, each at
 * its intended time, and a message's latency runs from that intended time to its arrival on the tenant's socket,
 * so a stall counts against every message it delays (no coordinated omission). Message i goes to tenant i mod n,
 * to its conversations in turn. A message answered 202 that has not arrived within the grace period after the last
 * send is lost; answers other than 202 (or none) are counted apart.
 */
final class OpenLoopRun implements SocketSubscribers.Listener {

    /**
     * One rate's figures: offered rate, messages sent, delivered, delivered per second (from the first send to the
     * last arrival), latency (µs), lost, not accepted, and CPU spent from the first send until all arrived or the
     * grace period ended.
     */
    record Result(int offered, int sent, long delivered, double achieved, Histogram latencyMicros, long lost, long notAccepted,
            CpuTime cpu) {
    }

    // The first send is scheduled a little ahead, so the loop starts on time rather than already behind.
    private static final long LEAD_NANOS = 1_000_000;

    private final GatewayClient gateway;
    private final List<LoadTenant> tenants;
    private final List<String> conversations;
    private volatile Step current;

    OpenLoopRun(GatewayClient gateway, List<LoadTenant> tenants, List<String> conversations) {
        this.gateway = gateway;
        this.tenants = tenants;
        this.conversations = conversations;
    }

    /** Offers {@code rate} messages per second for {@code duration}; {@code step} tells its messages from others'. */
    Result run(int step, int rate, Duration duration, Duration grace) throws InterruptedException {
        CpuTime cpu = MachineCpu.read();
        Step load = new Step(step, rate, Math.toIntExact(rate * duration.toSeconds()), System.nanoTime() + LEAD_NANOS);
        current = load;
        for (int sequence = 0; sequence < load.count; sequence++) {
            long due = load.intendedNanos(sequence);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            send(load, sequence);
        }
        long deadline = load.intendedNanos(load.count) + grace.toNanos();
        while (!load.complete() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return load.result(MachineCpu.read().minus(cpu));
    }

    private void send(Step load, int sequence) {
        LoadTenant tenant = tenants.get(sequence % tenants.size());
        String conversation = conversations.get(sequence / tenants.size() % conversations.size());
        gateway.post(tenant, conversation, new SequencedBody(load.id, sequence).text())
                .onComplete(answer -> load.answered(sequence, answer.succeeded() && answer.result() == 202));
    }

    @Override
    public void delivered(String body, long arrivedNanos) {
        Step load = current;
        SequencedBody.parse(body).filter(message -> load != null && message.step() == load.id)
                .ifPresent(message -> load.delivered(message.sequence(), arrivedNanos));
    }

    /** The state of one rate: per message whether it was accepted (202) and whether it arrived. */
    static final class Step {
        private static final int ACCEPTED = 1;
        private static final int DELIVERED = 2;

        private final int id;
        private final int rate;
        private final int count;
        private final long startNanos;
        private final AtomicIntegerArray states;
        private final Recorder latency = new Recorder(3);
        private final LongAdder answers = new LongAdder();
        private final LongAdder accepted = new LongAdder();
        private final LongAdder delivered = new LongAdder();
        private final LongAdder acceptedAndDelivered = new LongAdder();
        private final AtomicLong lastArrivalNanos = new AtomicLong();

        Step(int id, int rate, int count, long startNanos) {
            this.id = id;
            this.rate = rate;
            this.count = count;
            this.startNanos = startNanos;
            this.states = new AtomicIntegerArray(count);
        }

        long intendedNanos(int sequence) {
            return startNanos + sequence * 1_000_000_000L / rate;
        }

        void answered(int sequence, boolean accepted) {
            if (accepted) {
                this.accepted.increment();
                if ((states.getAndUpdate(sequence, state -> state | ACCEPTED) & DELIVERED) != 0) {
                    acceptedAndDelivered.increment();
                }
            }
            answers.increment(); // last: complete() must not see every answer before its acceptance is counted
        }

        /** Counted once per message: a second push of the same message is not a delivery. */
        void delivered(int sequence, long arrivedNanos) {
            if (sequence < 0 || sequence >= count) {
                return;
            }
            int before = states.getAndUpdate(sequence, state -> state | DELIVERED);
            if ((before & DELIVERED) != 0) {
                return;
            }
            latency.recordValue((arrivedNanos - intendedNanos(sequence)) / 1000);
            delivered.increment();
            if ((before & ACCEPTED) != 0) {
                acceptedAndDelivered.increment();
            }
            lastArrivalNanos.accumulateAndGet(arrivedNanos, Math::max);
        }

        /** Every message answered, and every accepted one arrived. */
        boolean complete() {
            return answers.sum() == count && acceptedAndDelivered.sum() == accepted.sum();
        }

        Result result(CpuTime cpu) {
            long arrived = delivered.sum();
            double seconds = (lastArrivalNanos.get() - startNanos) / 1e9;
            return new Result(rate, count, arrived, arrived == 0 ? 0 : arrived / seconds, latency.getIntervalHistogram(),
                    accepted.sum() - acceptedAndDelivered.sum(), count - accepted.sum(), cpu);
        }
    }
}
