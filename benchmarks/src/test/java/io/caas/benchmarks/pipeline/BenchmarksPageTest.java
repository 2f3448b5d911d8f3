package io.caas.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchmarksPageTest {

    @Test
    void replacesOnlyWhatLiesBetweenTheMarkers() {
        String page = "# Benchmarks\n\nintro\n\n" + BenchmarksPage.BEGIN + "\nold table\n" + BenchmarksPage.END + "\n\n## Later\n";

        String written = BenchmarksPage.withSection(page, "| new | table |\n");

        assertThat(written).isEqualTo("# Benchmarks\n\nintro\n\n" + BenchmarksPage.BEGIN + "\n| new | table |\n"
                + BenchmarksPage.END + "\n\n## Later\n");
        assertThat(BenchmarksPage.withSection(written, "| new | table |")).isEqualTo(written);
    }

    @Test
    void appendsTheMarkedSectionToAPageWithoutOne() {
        assertThat(BenchmarksPage.withSection("# Benchmarks\n", "table"))
                .isEqualTo("# Benchmarks\n\n" + BenchmarksPage.BEGIN + "\ntable\n" + BenchmarksPage.END + "\n");
    }
}
