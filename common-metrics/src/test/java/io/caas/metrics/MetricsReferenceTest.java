package io.caas.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.catalog.MetricsReference;

/** Keeps common-metrics/METRICS.md equal to what the catalog generates. */
class MetricsReferenceTest {

    private static final Path REFERENCE = Path.of("METRICS.md");

    @Test
    void referencePageMatchesTheCatalog() throws IOException {
        String generated = MetricsReference.render(MetricCatalog.ALL);
        if (Boolean.getBoolean("writeMetricsReference")) {
            Files.writeString(REFERENCE, generated);
        }
        assertThat(REFERENCE).as("METRICS.md is stale; regenerate it as its header says").exists();
        assertThat(Files.readString(REFERENCE)).isEqualTo(generated);
    }
}
