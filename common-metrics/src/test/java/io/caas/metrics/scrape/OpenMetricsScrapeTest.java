package io.caas.metrics.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The two decisions of the /q/metrics handler, without a server: which format, and which exemplars stay. */
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

    @Test
    void keepsExemplarsOnHistogramBucketsOnly() {
        String scrape = """
                # TYPE caas_request_duration_seconds histogram
                # HELP caas_request_duration_seconds Time # {not an exemplar} to serve a request.
                caas_request_duration_seconds_bucket{method="GET",le="0.01"} 1 # {span_id="b1",trace_id="t1"} 0.004 1700000000.000
                caas_request_duration_seconds_bucket{method="GET",le="+Inf"} 2
                caas_request_duration_seconds_count{method="GET"} 2 # {span_id="b2",trace_id="t2"} 0.2 1700000000.000
                caas_request_duration_seconds_sum{method="GET"} 0.204
                # TYPE caas_http_requests counter
                caas_http_requests_total{method="GET",status="200"} 2.0 # {span_id="b3",trace_id="t3"} 1.0 1700000000.000
                caas_jobs_total 7.0 # {span_id="b4",trace_id="t4"} 1.0 1700000000.000
                # EOF
                """;

        assertThat(OpenMetricsScrape.withExemplarsOnBucketsOnly(scrape)).isEqualTo("""
                # TYPE caas_request_duration_seconds histogram
                # HELP caas_request_duration_seconds Time # {not an exemplar} to serve a request.
                caas_request_duration_seconds_bucket{method="GET",le="0.01"} 1 # {span_id="b1",trace_id="t1"} 0.004 1700000000.000
                caas_request_duration_seconds_bucket{method="GET",le="+Inf"} 2
                caas_request_duration_seconds_count{method="GET"} 2
                caas_request_duration_seconds_sum{method="GET"} 0.204
                # TYPE caas_http_requests counter
                caas_http_requests_total{method="GET",status="200"} 2.0
                caas_jobs_total 7.0
                # EOF
                """);
    }

    /** Label values come from clients (tenant ids): what they contain must not decide what is cut. */
    @Test
    void readsTheSeriesNameAndExemplarPastAnyLabelValue() {
        String scrape = """
                caas_messages_sent_total{tenant_id="a # {b} \\" # {c",type="x_bucket"} 1.0
                caas_messages_sent_total{tenant_id="d # {e}",type="text"} 1.0 # {span_id="b5",trace_id="t5"} 1.0 1700000000.000
                caas_request_duration_seconds_bucket{path="/v1/{id}",le="+Inf"} 1 # {span_id="b6",trace_id="t6"} 0.3 1700000000.000
                # EOF
                """;

        assertThat(OpenMetricsScrape.withExemplarsOnBucketsOnly(scrape)).isEqualTo("""
                caas_messages_sent_total{tenant_id="a # {b} \\" # {c",type="x_bucket"} 1.0
                caas_messages_sent_total{tenant_id="d # {e}",type="text"} 1.0
                caas_request_duration_seconds_bucket{path="/v1/{id}",le="+Inf"} 1 # {span_id="b6",trace_id="t6"} 0.3 1700000000.000
                # EOF
                """);
    }
}
