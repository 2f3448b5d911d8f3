package io.caas.k8s.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.caas.k8s.Monitoring;
import io.caas.k8s.PromQl;
import io.caas.k8s.Tools;
import io.caas.metrics.catalog.MetricCatalog;

/** Every PromQL expression of the rules and dashboards parses and selects only metrics that exist (or the stack's own). */
class PromQlCatalogTest {

    /** The monitoring stack's own metrics, which its self-monitoring alerts read. */
    private static final Pattern SELF_MONITORED = Pattern.compile("(prometheus|alertmanager|thanos)_");

    @Test
    void theNameReaderFindsMetricsAndNothingElse() {
        assertThat(PromQl.metricNames("sum by (service, le) (rate(caas_request_duration_seconds_bucket{path=~\"/v1/.*\"}[5m])) "
                + "/ on (service) group_left(version) caas_build_info offset 5m > 1e3 and up == bool 0"))
                .containsExactlyInAnyOrder("caas_request_duration_seconds_bucket", "caas_build_info", "up");
        assertThat(PromQl.metricNames(PromQl.withoutGrafanaVariables(
                "time() - max by (exported_job) (caas_job_last_success_timestamp_seconds{namespace=~\"$namespace\"}[$__rate_interval])")))
                .containsExactly("caas_job_last_success_timestamp_seconds");
    }

    @Test
    void everyExpressionSelectsOnlyCatalogMetricsRecordingRulesUpOrJvmAndProcessMetrics() throws Exception {
        Set<String> records = Monitoring.rules().stream().filter(r -> !r.alert()).map(Monitoring.Rule::name).collect(Collectors.toSet());
        List<String> unknown = new ArrayList<>();
        expressions().forEach((where, expr) -> PromQl.metricNames(expr).stream()
                .filter(name -> !known(name, records)).forEach(name -> unknown.add(where + ": " + name)));
        assertThat(unknown).isEmpty();
        assertThat(known("caas_messages_sent", records)).as("a misspelled catalog name is unknown").isFalse();
    }

    @Test
    void everyExpressionParses(@TempDir Path dir) throws Exception {
        assumeTrue(Tools.onPath("promtool"), "promtool is not installed; .ci/run installs it");
        StringBuilder rules = new StringBuilder("groups:\n  - name: every-expression\n    rules:\n");
        int i = 0;
        for (String expr : expressions().values()) {
            rules.append("      - record: expression_").append(i++).append("\n        expr: ")
                    .append(Monitoring.JSON.writeValueAsString(expr)).append('\n');
        }
        Path file = dir.resolve("expressions.rules.yml");
        Files.writeString(file, rules);
        Tools.succeed(dir, "promtool", "check", "rules", file.toString());
    }

    private static boolean known(String name, Set<String> records) {
        return MetricCatalog.bySeriesName(name).isPresent() || records.contains(name) || name.equals("up")
                || name.startsWith("jvm_") || name.startsWith("process_") || SELF_MONITORED.matcher(name).lookingAt();
    }

    /** Every rule and panel expression, Grafana variables replaced, by where it comes from. */
    private static Map<String, String> expressions() throws Exception {
        Map<String, String> expressions = new LinkedHashMap<>();
        Monitoring.rules().forEach(rule -> expressions.put("rule " + rule.name(), rule.expr()));
        Monitoring.panelQueries().forEach(query -> expressions.put(query.dashboard() + " / " + query.panel() + " / " + query.expr(),
                PromQl.withoutGrafanaVariables(query.expr())));
        // Annotation queries (deploys) are checked here but not by the end-to-end test: no deploy, no result.
        for (Path file : Monitoring.dashboardFiles()) {
            Monitoring.JSON.readTree(file.toFile()).path("annotations").path("list").forEach(annotation -> expressions.put(
                    file.getFileName() + " / annotation " + annotation.path("name").asText(), PromQl.withoutGrafanaVariables(annotation.path("expr").asText())));
        }
        return expressions;
    }
}
