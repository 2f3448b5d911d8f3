package io.caas.metrics.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The decisions of the /q/metrics handler, without a server. */
class OpenMetricsScrapeTest {

    @ParameterizedTest
    @ValueSource(strings = {
            // Prometheus 2.x
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1",
            // Prometheus 3.x, default scrape_protocols
            "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,"
                    + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2",
            // OpenMetrics-only scrapers
            "application/openmetrics-text; version=1.0.0",
            "application/openmetrics-text;version=1.0.0;q=0.6,*/*;q=0.5",
            "Application/OpenMetrics-Text",
            // equal weights: the one listed first
            "application/openmetrics-text, text/plain",
    })
    void servesOpenMetricsWhenTheClientRanksItFirst(String accept) {
        assertThat(OpenMetricsScrape.prefersOpenMetrics(accept)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "*/*",
            "text/plain",
            "text/plain;version=0.0.4,application/openmetrics-text;version=1.0.0;q=0.5",
            "text/plain, application/openmetrics-text",
            "application/openmetrics-text;q=0",
            "application/openmetrics-text;q=0.3, text/plain;version=0.0.4;q=0.8",
            "application/json",
            "",
    })
    void servesTheTextFormatOtherwise(String accept) {
        assertThat(OpenMetricsScrape.prefersOpenMetrics(accept)).isFalse();
    }
}
