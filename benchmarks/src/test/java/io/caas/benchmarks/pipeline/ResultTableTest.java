package io.caas.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    private static final PipelineSettings SETTINGS = new PipelineSettings(20, 5, 64, Duration.ofSeconds(20), List.of(1000, 2000),
            Duration.ofSeconds(25), Duration.ofSeconds(10), Duration.ofSeconds(10), 0);

    @Test
    void reportsEachFigureBesideItsTarget() {
        ClosedLoopRun.Result bare = new ClosedLoopRun.Result("bare producer → Kafka", 100_000, 20, 0, latency(2_000),
                new MachineCpu.CpuTime(30, 10));
        ClosedLoopRun.Result gateway = new ClosedLoopRun.Result("POST /v1/messages → gateway → Kafka", 60_000, 20, 3, latency(9_000),
                new MachineCpu.CpuTime(36, 12));
        OpenLoopRun.Result atThousand = new OpenLoopRun.Result(1000, 25_000, 25_000, 999.6, latency(12_000), 0, 0,
                new MachineCpu.CpuTime(10, 2.5));
        OpenLoopRun.Result atTwoThousand = new OpenLoopRun.Result(2000, 50_000, 49_990, 1_998, latency(60_000), 10, 0,
                new MachineCpu.CpuTime(20, 5));
        ResultTable.ServiceMemory gatewayMemory = new ResultTable.ServiceMemory("caas-gateway-0", new ProcessMemory(150 * 1024),
                new ProcessMemory(200 * 1024), "256Mi", 256L * 1024 * 1024);
        // 1,000 vs 1,010 req/s (1 % throughput), 100 vs 95 µs CPU per request (5.3 %).
        HttpMetricsCost.Result post = new HttpMetricsCost.Result("POST /v1/messages", 10_000, 10, 1.0, 10_100, 10, 0.9595, 0.02);
        HttpMetricsCost.Result jwks = new HttpMetricsCost.Result("GET /.well-known/jwks.json", 10_000, 10, 1.0, 10_100, 10, 1.0, 0.005);

        String markdown = ResultTable.markdown(new ResultTable.Results(Instant.parse("2026-11-22T10:15:30Z"), "2 cores", "./mvnw ...",
                SETTINGS, bare, gateway, List.of(post, jwks), List.of(atThousand, atTwoThousand), 0, List.of(gatewayMemory)));

        assertThat(markdown).contains("Measured 2026-11-22 10:15 UTC on 2 cores", "```bash\n./mvnw ...\n```")
                .contains("| bare producer → Kafka | 5,000 | 2.0 | 2.0 | 0 | 300 (100) | 1.00 |")
                .contains("| POST /v1/messages → gateway → Kafka | 3,000 | 9.0 | 9.0 | 3 | 600 (200) | **0.60** (target ≥ 0.8: missed) |")
                .contains("| 1,000 | 1,000 | 12.0 | 12.0 | 12.0 | 12.0 | 0 | 0 | 400 (100) | p99 ≤ 25 ms, 0 lost: met |")
                .contains("| 2,000 | 1,998 | 60.0 | 60.0 | 60.0 | 60.0 | 10 | 0 | 400 (100) | p99 ≤ 50 ms, 0 lost: **missed** |")
                .contains("| POST /v1/messages | 1,000 | 1,010 | +1.0 % | 100 | 95 | +5.3 % | 2.0 % | ≤ 2 %: **missed** |")
                .contains("| GET /.well-known/jwks.json | 1,000 | 1,010 | +1.0 % | 100 | 99 | +1.0 % | 0.5 % | ≤ 5 %: met |")
                .contains("| caas-gateway-0 | 150 | 200 | 256Mi | 78 % |")
                .doesNotContain("connections during the run");
    }

    private static Histogram latency(long micros) {
        Histogram histogram = new Histogram(3);
        histogram.recordValue(micros);
        return histogram;
    }
}
