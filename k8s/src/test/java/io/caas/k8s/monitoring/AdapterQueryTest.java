package io.caas.k8s.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.caas.k8s.Manifests;
import io.caas.k8s.Monitoring;
import io.caas.k8s.Tools;

/**
 * The billing HPA scales on what prometheus-adapter answers for caas_kafka_consumer_lag: its query, as the adapter
 * expands it for the HPA's selector, evaluated by promtool during a rebalance, when two billing replicas report
 * the same partition. Summing the raw series would count that partition twice.
 */
class AdapterQueryTest {

    private static final Path VALUES = Manifests.K8S.resolve("components/domain-autoscaling/prometheus-adapter-values.yaml");

    @Test
    void billingLagServedToTheHpaCountsEachPartitionOnce(@TempDir Path dir) throws Exception {
        assumeTrue(Tools.onPath("promtool"), "promtool is not installed; .ci/run installs it");
        JsonNode rule = Monitoring.YAML.readTree(VALUES.toFile()).path("rules").path("external").get(0);
        assertThat(rule.path("name").path("as").asText(rule.path("name").path("matches").asText())).isEqualTo("caas_kafka_consumer_lag");
        String series = rule.path("seriesQuery").asText().replaceAll("\\{.*", "");
        // What the adapter sends for the HPA's metric selector {service="caas-billing"} in namespace caas.
        String query = rule.path("metricsQuery").asText().replace("<<.GroupBy>>", "namespace").replace("<<.Series>>", series)
                .replace("<<.LabelMatchers>>", "namespace=\"caas\",service=\"caas-billing\"");

        Path rules = dir.resolve("adapter.rules.yml");
        Files.writeString(rules, "groups:\n  - name: adapter\n    rules:\n      - record: adapter_answer\n        expr: "
                + Monitoring.JSON.writeValueAsString(query) + "\n");
        List<String> ruleFiles = Monitoring.ruleFiles().stream().map(Path::toString).toList();
        String lag = "caas_kafka_consumer_lag{job=\"caas-pods\",namespace=\"caas\",service=\"caas-billing\",topic=\"caas.messages\",";
        Path test = dir.resolve("adapter.test.yml");
        Files.writeString(test, Monitoring.YAML.writeValueAsString(Map.of(
                "rule_files", concat(ruleFiles, rules.toString()),
                "evaluation_interval", "1m",
                "tests", List.of(Map.of(
                        "interval", "1m",
                        "input_series", List.of(
                                Map.of("series", lag + "pod=\"bi-1\",partition=\"0\"}", "values", "500x10"),
                                Map.of("series", lag + "pod=\"bi-2\",partition=\"0\"}", "values", "500x10"),
                                Map.of("series", lag + "pod=\"bi-2\",partition=\"1\"}", "values", "700x10")),
                        "promql_expr_test", List.of(Map.of("expr", "adapter_answer", "eval_time", "5m",
                                "exp_samples", List.of(Map.of("labels", "adapter_answer{namespace=\"caas\"}", "value", 1200)))))))));
        Tools.succeed(dir, "promtool", "test", "rules", test.toString());
    }

    private static List<String> concat(List<String> files, String more) {
        return Stream.concat(files.stream(), Stream.of(more)).toList();
    }
}
