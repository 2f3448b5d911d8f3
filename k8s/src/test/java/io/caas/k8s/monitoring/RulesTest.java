package io.caas.k8s.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.caas.k8s.Manifests;
import io.caas.k8s.Monitoring;
import io.caas.k8s.Tools;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Recording rules and alerts: valid, named by convention, documented, and unit-tested both ways by promtool. */
class RulesTest {

    /** Always firing by design (a dead man's switch outside watches for it), so never silent and never paging. */
    private static final String WATCHDOG = "Watchdog";

    @Test
    void everyRuleFilePassesPromtoolCheck() throws Exception {
        assumeTrue(Tools.onPath("promtool"), "promtool is not installed; .ci/run installs it");
        for (Path file : Monitoring.ruleFiles()) {
            Tools.succeed(Monitoring.RULES, "promtool", "check", "rules", file.toString());
        }
    }

    @Test
    void promtoolUnitTestsPass() throws Exception {
        assumeTrue(Tools.onPath("promtool"), "promtool is not installed; .ci/run installs it");
        assertThat(Monitoring.ruleTestFiles()).isNotEmpty();
        for (Path file : Monitoring.ruleTestFiles()) {
            Tools.succeed(Monitoring.RULE_TESTS, "promtool", "test", "rules", file.toString());
        }
    }

    @Test
    void everyAlertHasATestWhereItFiresAndOneWhereItStaysSilent() throws Exception {
        Set<String> fires = new HashSet<>();
        Set<String> silent = new HashSet<>();
        for (Path file : Monitoring.ruleTestFiles()) {
            for (JsonNode test : Monitoring.YAML.readTree(file.toFile()).path("tests")) {
                for (JsonNode case_ : test.path("alert_rule_test")) {
                    (case_.path("exp_alerts").isEmpty() ? silent : fires).add(case_.path("alertname").asText());
                }
            }
        }
        List<String> alerts = Monitoring.rules().stream().filter(Monitoring.Rule::alert).map(Monitoring.Rule::name).toList();
        assertThat(alerts).isNotEmpty();
        assertThat(fires).as("alerts tested firing").containsAll(alerts);
        assertThat(silent).as("alerts tested silent (the Watchdog never is)")
                .containsAll(alerts.stream().filter(alert -> !alert.equals(WATCHDOG)).toList());
    }

    @Test
    void everyRecordingRuleIsUnitTested() throws Exception {
        Set<String> tested = new HashSet<>();
        for (Path file : Monitoring.ruleTestFiles()) {
            for (JsonNode test : Monitoring.YAML.readTree(file.toFile()).path("tests")) {
                for (JsonNode case_ : test.path("promql_expr_test")) {
                    if (!case_.path("exp_samples").isEmpty()) {
                        tested.add(case_.path("expr").asText().trim().replaceAll("\\{.*}$", ""));
                    }
                }
            }
        }
        List<String> records = Monitoring.rules().stream().filter(r -> !r.alert()).map(Monitoring.Rule::name).toList();
        assertThat(tested).containsAll(records);
    }

    /** CaasServiceMissing names the services one by one (absent() needs them): exactly the platform's Deployments. */
    @Test
    void theMissingServiceAlertNamesEveryServiceOfThePlatform() throws Exception {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl is not installed; .ci/run installs it");
        String expr = Monitoring.rules().stream().filter(r -> r.name().equals("CaasServiceMissing")).findFirst().orElseThrow().expr();
        List<String> named = Pattern.compile("absent\\(up\\{[^}]*service=\"([^\"]+)\"").matcher(expr).results().map(m -> m.group(1)).toList();
        assertThat(named).containsExactlyInAnyOrderElementsOf(Manifests.ofKind(Manifests.parse(Manifests.render("base")), Deployment.class)
                .stream().map(d -> d.getMetadata().getName()).toList());
    }

    @Test
    void recordingRulesAreNamedLevelMetricOperations() throws Exception {
        assertThat(Monitoring.rules().stream().filter(r -> !r.alert()).map(Monitoring.Rule::name))
                .allMatch(name -> name.matches("[a-z_]+:caas_[a-z0-9_]+:[a-z0-9_]+"), "level:metric:operations");
    }

    @Test
    void everyAlertHasSeveritySummaryDescriptionARunbookSectionAndADashboardThatExist() throws Exception {
        String runbook = Files.readString(Monitoring.DIR.resolve("RUNBOOK.md"));
        Set<String> anchors = Pattern.compile("(?m)^#+ (.+)$").matcher(runbook).results()
                .map(heading -> heading.group(1).trim().toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
        for (Monitoring.Rule alert : Monitoring.rules().stream().filter(Monitoring.Rule::alert).toList()) {
            JsonNode rule = alert.node();
            assertThat(rule.path("labels").path("severity").asText()).as(alert.name())
                    .isIn(alert.name().equals(WATCHDOG) ? List.of("none") : List.of("critical", "warning"));
            assertThat(rule.path("annotations").path("summary").asText()).as(alert.name()).isNotBlank();
            assertThat(rule.path("annotations").path("description").asText()).as(alert.name()).isNotBlank();
            Matcher url = Pattern.compile("RUNBOOK\\.md#(.+)$").matcher(rule.path("annotations").path("runbook_url").asText());
            assertThat(url.find()).as(alert.name() + " runbook_url").isTrue();
            assertThat(anchors).as(alert.name() + " runbook section").contains(url.group(1));
            Matcher dashboard = Pattern.compile("^http://localhost:3000/d/([a-z-]+)").matcher(rule.path("annotations").path("dashboard_url").asText());
            assertThat(dashboard.find()).as(alert.name() + " dashboard_url").isTrue();
            assertThat(Monitoring.DASHBOARDS.resolve(dashboard.group(1) + ".json")).as(alert.name() + " dashboard").exists();
        }
    }
}
