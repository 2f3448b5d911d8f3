package io.caas.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenLoopRunTest {

    private static final MachineCpu.CpuTime NO_CPU = new MachineCpu.CpuTime(0, 0);

    @Test
    void messagesAreScheduledAtFixedIntervalsFromTheStart() {
        OpenLoopRun.Step step = new OpenLoopRun.Step(1, 4000, 10, 1_000_000_000L);

        assertThat(step.intendedNanos(0)).isEqualTo(1_000_000_000L);
        assertThat(step.intendedNanos(3)).isEqualTo(1_000_750_000L);
    }

    @Test
    void anAcceptedMessageCountsAsDeliveredWhetherItsFrameOrItsAnswerCameFirst() {
        long start = System.nanoTime();
        OpenLoopRun.Step step = new OpenLoopRun.Step(1, 1000, 2, start);

        step.answered(0, true);
        step.delivered(0, start + 5_000_000);
        step.delivered(1, start + 8_000_000); // pushed before the gateway's 202 reached the client
        assertThat(step.complete()).isFalse();
        step.answered(1, true);

        assertThat(step.complete()).isTrue();
        OpenLoopRun.Result result = step.result(NO_CPU);
        assertThat(result.delivered()).isEqualTo(2);
        assertThat(result.lost()).isZero();
        assertThat(result.notAccepted()).isZero();
        assertThat(result.latencyMicros().getMaxValue()).isBetween(6_990L, 7_010L); // 8 ms after its intended time, 1 ms in
    }

    @Test
    void anAcceptedMessageThatNeverArrivesIsLostAndARefusedOneIsNotAccepted() {
        long start = System.nanoTime();
        OpenLoopRun.Step step = new OpenLoopRun.Step(1, 1000, 3, start);

        step.answered(0, true);
        step.delivered(0, start + 1_000_000);
        step.answered(1, true);
        step.answered(2, false);

        assertThat(step.complete()).isFalse();
        OpenLoopRun.Result result = step.result(NO_CPU);
        assertThat(result.lost()).isEqualTo(1);
        assertThat(result.notAccepted()).isEqualTo(1);
    }

    @Test
    void aSecondPushOfTheSameMessageIsNotASecondDelivery() {
        long start = System.nanoTime();
        OpenLoopRun.Step step = new OpenLoopRun.Step(1, 1000, 1, start);

        step.answered(0, true);
        step.delivered(0, start + 1_000_000);
        step.delivered(0, start + 2_000_000);

        assertThat(step.result(NO_CPU).delivered()).isEqualTo(1);
    }
}
