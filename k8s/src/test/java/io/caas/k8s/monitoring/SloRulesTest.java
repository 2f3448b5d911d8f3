package io.caas.k8s.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.caas.k8s.Monitoring;
import io.caas.k8s.PromQl;

/**
 * The SLO rules and dashboard are generated from k8s/monitoring/slo/*.yml and checked in; this test fails when they
 * drift (regenerate with -DwriteSlo=true). Their behaviour is unit-tested by promtool in tests/slo.test.yml and tests/slo-windows.test.yml.
 */
class SloRulesTest {

    static final Path RULES = Monitoring.RULES.resolve("caas-slo.rules.yml");
    static final Path DASHBOARD = Monitoring.DASHBOARDS.resolve(SloGenerator.DASHBOARD + ".json");
    private static final Pattern RANGE = Pattern.compile("\\[(\\d+)([smhdw])[]:]");
    private static final Pattern RETENTION = Pattern.compile("--storage\\.tsdb\\.retention\\.time=(\\d+)([smhdw])");

    @Test
    void theCheckedInRulesAndDashboardAreWhatTheSpecsGenerate() throws Exception {
        List<Slo> slos = Slo.all();
        assertThat(slos).extracting(Slo::name).contains("gateway-availability", "gateway-latency", "socket-delivery-latency");
        String rules = SloGenerator.rules(slos);
        String dashboard = Dashboards.json(SloGenerator.dashboard(slos));
        if (Boolean.getBoolean("writeSlo")) {
            Files.writeString(RULES, rules);
            Files.writeString(DASHBOARD, dashboard);
        }
        assertThat(Files.readString(RULES)).as("regenerate with -DwriteSlo=true").isEqualTo(rules);
        assertThat(Files.readString(DASHBOARD)).as("regenerate with -DwriteSlo=true").isEqualTo(dashboard);
    }

    /** A 30-day ratio over 15 days of data silently covers 15 days: retention must hold every range queried. */
    @Test
    void prometheusRetainsEveryRangeTheRulesAndDashboardsQuery() throws Exception {
        String statefulSet = Files.readString(Monitoring.DIR.resolve("prometheus/statefulset.yaml"));
        Matcher retention = RETENTION.matcher(statefulSet);
        assertThat(retention.find()).isTrue();
        Duration kept = duration(retention.group(1), retention.group(2));
        List<String> exprs = new ArrayList<>();
        Monitoring.rules().forEach(rule -> exprs.add(rule.expr()));
        Monitoring.panelQueries().forEach(query -> exprs.add(query.expr()));
        for (String expr : exprs) {
            Matcher range = RANGE.matcher(expr);
            while (range.find()) {
                assertThat(duration(range.group(1), range.group(2))).as(expr).isLessThanOrEqualTo(kept);
            }
        }
        assertThat(kept).isGreaterThanOrEqualTo(duration(Slo.PERIOD.replaceAll("\\D", ""), "d"));
    }

    /** Stats show one number: an instant query on a recording rule, never a 30-day range over raw counters. */
    @Test
    void sloStatsAreInstantQueriesOnRecordingRules() throws Exception {
        Set<String> records = Monitoring.rules().stream().filter(r -> !r.alert()).map(Monitoring.Rule::name).collect(Collectors.toSet());
        JsonNode dashboard = Monitoring.JSON.readTree(DASHBOARD.toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                assertThat(PromQl.metricNames(PromQl.withoutGrafanaVariables(target.path("expr").asText()))).as(panel.path("title").asText())
                        .isNotEmpty().allMatch(records::contains);
                if (panel.path("type").asText().equals("stat")) {
                    assertThat(target.path("instant").asBoolean()).as(panel.path("title").asText()).isTrue();
                }
            }
        }
    }

    private static Duration duration(String amount, String unit) {
        long n = Long.parseLong(amount);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> throw new IllegalArgumentException(unit);
        };
    }
}
