package io.caas.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void residentMemoryIsTheVmRssLine() {
        String status = "Name:\tjava\nVmPeak:\t 3000000 kB\nVmHWM:\t  300000 kB\nVmRSS:\t  212344 kB\nRssAnon:\t  180000 kB\n";

        assertThat(ProcessMemory.kib(status, "VmRSS")).isEqualTo(212_344);
    }

    @Test
    void readsThisJvmsOwnMemory() throws IOException {
        ProcessMemory self = ProcessMemory.of(ProcessHandle.current().pid());

        assertThat(self.rssKib()).isPositive();
    }
}
