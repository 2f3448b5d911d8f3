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

    /** Grafana colours a stat without thresholds by its default (red above 80): every stat and gauge says its own. */
    @Test
    void everyStatAndGaugeHasExplicitThresholds() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Path file : Monitoring.dashboardFiles()) {
            JsonNode dashboard = Monitoring.JSON.readTree(file.toFile());
            for (JsonNode panel : dashboard.path("panels")) {
                if (panel.path("type").asText().matches("stat|gauge|bargauge")) {
                    JsonNode steps = panel.path("fieldConfig").path("defaults").path("thresholds").path("steps");
                    boolean grafanasDefault = steps.size() == 2 && steps.get(1).path("value").asDouble() == 80;
                    if (steps.isEmpty() || grafanasDefault) {
                        missing.add(dashboard.path("uid").asText() + " / " + panel.path("title").asText());
                    }
                }
            }
        }
        assertThat(missing).as("stat panels without explicit thresholds").isEmpty();
    }

    /** A variable no query uses filters nothing while it seems to: declared means used. */
    @Test
    void everyDeclaredVariableIsUsedByAQuery() throws Exception {
        List<String> unused = new ArrayList<>();
        for (Path file : Monitoring.dashboardFiles()) {
            JsonNode dashboard = Monitoring.JSON.readTree(file.toFile());
            StringBuilder queries = new StringBuilder();
            dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> queries.append(t.path("expr").asText()).append('\n')));
            dashboard.path("annotations").path("list").forEach(a -> queries.append(a.path("expr").asText()).append('\n'));
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                String name = variable.path("name").asText();
                if (!variable.path("type").asText().equals("datasource") && !Pattern.compile("\\$\\{?" + name + "\\b").matcher(queries).find()) {
                    unused.add(dashboard.path("uid").asText() + " $" + name);
                }
            }
        }
        assertThat(unused).as("declared variables no panel query uses").isEmpty();
    }

    /**
     * What on-call needs at 3 am: deploys as annotations (from caas_build_info), the firing alerts on the overview,
     * links from the overview down to the service dashboards and back.
     */
    @Test
    void dashboardsShowDeploysAlertsAndLinkToEachOther() throws Exception {
        for (Path file : Monitoring.dashboardFiles()) {
            JsonNode dashboard = Monitoring.JSON.readTree(file.toFile());
            String uid = dashboard.path("uid").asText();
            assertThat(dashboard.path("annotations").path("list").findValuesAsText("expr")).as(uid + " deploy annotations")
                    .anyMatch(expr -> expr.contains("caas_build_info"));
            assertThat(dashboard.path("links").findValuesAsText("type")).as(uid + " links to the other dashboards").contains("dashboards");
        }
        JsonNode overview = Monitoring.JSON.readTree(Monitoring.DASHBOARDS.resolve("caas-overview.json").toFile());
        assertThat(overview.path("panels").findValuesAsText("type")).contains("alertlist");
        String drillDowns = overview.path("panels").findValues("links").toString();
        for (String target : List.of("caas-red", "caas-kafka-lag", "caas-sockets", "caas-billing-jobs", "caas-slo")) {
            assertThat(drillDowns).as("overview drills down to " + target).contains("/d/" + target);
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
