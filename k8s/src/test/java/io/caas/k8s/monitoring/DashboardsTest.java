package io.caas.k8s.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.caas.k8s.Monitoring;

/** Dashboards: fixed unique uids, a data source variable, units everywhere, rates over $__rate_interval, read-only. */
class DashboardsTest {

    private static final Pattern RATE = Pattern.compile("\\b(?:i?rate)\\(");

    @Test
    void everyDashboardFollowsTheRules() throws Exception {
        Set<String> uids = new HashSet<>();
        List<Path> files = Monitoring.dashboardFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(7);
        for (Path file : files) {
            JsonNode dashboard = Monitoring.JSON.readTree(file.toFile());
            String uid = dashboard.path("uid").asText();
            assertThat(uid).as(file.toString()).isNotBlank().isEqualTo(file.getFileName().toString().replace(".json", ""));
            assertThat(uids.add(uid)).as("uid %s is unique", uid).isTrue();
            assertThat(dashboard.path("editable").isBoolean() && !dashboard.path("editable").asBoolean()).as(uid + " editable: false").isTrue();
            List<String> variables = new ArrayList<>();
            dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("type").asText() + ":" + v.path("name").asText()));
            assertThat(variables).as(uid).contains("datasource:datasource", "query:namespace");
            assertThat(dashboard.path("panels")).as(uid).isNotEmpty();
            for (JsonNode panel : dashboard.path("panels")) {
                String where = uid + " / " + panel.path("title").asText();
                assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText()).as(where + " unit").isNotBlank();
                assertThat(panel.path("datasource").path("uid").asText()).as(where).isEqualTo("${datasource}");
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("datasource").path("uid").asText()).as(where).isEqualTo("${datasource}");
                    assertThat(rangesOfRates(target.path("expr").asText())).as(where + " rate() ranges").allMatch("$__rate_interval"::equals);
                }
            }
        }
    }

    @Test
    void rateRangesAreReadFromEveryRate() {
        assertThat(rangesOfRates("sum(rate(a[5m])) / sum(irate(b{x=\"y\"}[$__rate_interval])) + increase(c[30d])"))
                .containsExactly("5m", "$__rate_interval");
    }

    @Test
    void grafanaProvisionsEveryDashboardAndAFixedPrometheusUidWithExemplarsLinkedToTracing() throws Exception {
        String kustomization = Files.readString(Monitoring.DASHBOARDS.resolve("kustomization.yaml"));
        for (Path file : Monitoring.dashboardFiles()) {
            assertThat(kustomization).contains("- " + file.getFileName());
        }
        JsonNode datasources = Monitoring.YAML.readTree(Monitoring.DIR.resolve("grafana/provisioning/datasources.yaml").toFile()).path("datasources");
        Set<String> uids = new HashSet<>();
        datasources.forEach(ds -> uids.add(ds.path("uid").asText()));
        JsonNode prometheus = null;
        for (JsonNode ds : datasources) {
            if (ds.path("type").asText().equals("prometheus")) {
                prometheus = ds;
            }
        }
        assertThat(prometheus).isNotNull();
        assertThat(prometheus.path("uid").asText()).isEqualTo("prometheus");
        JsonNode exemplars = prometheus.path("jsonData").path("exemplarTraceIdDestinations");
        assertThat(exemplars).isNotEmpty();
        exemplars.forEach(destination -> assertThat(uids).contains(destination.path("datasourceUid").asText()));
    }

    /** The range of the first range selector after each rate( or irate(. */
    private static List<String> rangesOfRates(String expr) {
        List<String> ranges = new ArrayList<>();
        Matcher rate = RATE.matcher(expr);
        while (rate.find()) {
            int open = expr.indexOf('[', rate.end());
            ranges.add(open < 0 ? "" : expr.substring(open + 1, expr.indexOf(']', open)));
        }
        return ranges;
    }
}
