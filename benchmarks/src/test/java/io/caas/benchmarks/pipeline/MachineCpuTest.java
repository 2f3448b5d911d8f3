package io.caas.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MachineCpuTest {

    @Test
    void busyTimeIsEveryCoreNeitherIdleNorWaitingForIo() {
        // user nice system idle iowait irq softirq steal guest guest_nice, in 1/100 s
        String all = "cpu  1000 200 300 99999 8888 40 50 60 700 80";

        assertThat(MachineCpu.busySeconds(all)).isEqualTo((1000 + 200 + 300 + 40 + 50 + 60) / 100.0);
    }

    @Test
    void refusesASingleCoresLine() {
        assertThatThrownBy(() -> MachineCpu.busySeconds("cpu0 1 2 3 4 5 6 7 8 9 10")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsThisMachinesCpuTimeAsItGrows() {
        MachineCpu.CpuTime first = MachineCpu.read();

        assertThat(first.machineSeconds()).isPositive();
        assertThat(MachineCpu.read().minus(first).machineSeconds()).isGreaterThanOrEqualTo(0);
    }
}
