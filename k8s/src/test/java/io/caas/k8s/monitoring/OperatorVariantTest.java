package io.caas.k8s.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.caas.k8s.Manifests;
import io.caas.k8s.Monitoring;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;

/**
 * The operator variant is a drop-in for kube-prometheus: rendered next to the kube-prometheus objects it relies
 * on (names from kube-prometheus' manifests), nothing collides, nothing runs of its own, and its Prometheus and
 * Alertmanager can find and read what it brings.
 */
class OperatorVariantTest {

    /** kube-prometheus (manifests/, release-0.15) in namespace monitoring, by kind. */
    private static final Map<String, List<String>> KUBE_PROMETHEUS = Map.of(
            "Prometheus", List.of("k8s"),
            "Alertmanager", List.of("main"),
            "ServiceAccount", List.of("prometheus-k8s", "alertmanager-main", "grafana", "kube-state-metrics", "node-exporter",
                    "prometheus-adapter", "prometheus-operator", "blackbox-exporter"),
            "Service", List.of("prometheus-k8s", "alertmanager-main", "grafana", "kube-state-metrics", "node-exporter",
                    "prometheus-adapter", "prometheus-operator", "blackbox-exporter"),
            "Deployment", List.of("grafana", "kube-state-metrics", "prometheus-adapter", "prometheus-operator", "blackbox-exporter"),
            "ConfigMap", List.of("grafana-dashboards", "adapter-config", "blackbox-exporter-configuration", "grafana-dashboard-prometheus"),
            "Secret", List.of("alertmanager-main", "grafana-config", "grafana-datasources"),
            "PrometheusRule", List.of("alertmanager-main-rules", "grafana-rules", "kube-prometheus-rules", "kube-state-metrics-rules",
                    "kubernetes-monitoring-rules", "node-exporter-rules", "prometheus-k8s-prometheus-rules", "prometheus-operator-rules"),
            "Role", List.of("prometheus-k8s", "prometheus-k8s-config"),
            "RoleBinding", List.of("prometheus-k8s", "prometheus-k8s-config"));
    private static final String KP_NAMESPACE = "monitoring";
    private static final String KP_PROMETHEUS_ACCOUNT = "prometheus-k8s";
    /** kube-prometheus binds prometheus-k8s in these namespaces too (prometheus-roleSpecificNamespaces.yaml). */
    private static final List<String> KP_ROLE_NAMESPACES = List.of("default", "kube-system", "monitoring");

    private static final Path PROMETHEUS_RULE = Monitoring.DIR.resolve("operator/prometheusrule.yaml");
    private static final Path ALERTMANAGER_CONFIG = Monitoring.DIR.resolve("operator/alertmanagerconfig.yaml");
    private static final String WEBHOOK_SECRET = "alertmanager-webhooks";
    private static final Pattern MATCHER = Pattern.compile("(\\w+)(=~|!~|!=|=)\"(.*)\"");
    private static final ObjectMapper YAML_OUT = new ObjectMapper(YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE).build());

    private static List<HasMetadata> operator;
    private static String platform;

    @BeforeAll
    static void render() throws Exception {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl is not installed; .ci/run installs it");
        operator = Manifests.parse(Manifests.render("monitoring/operator"));
        platform = Manifests.parse(Manifests.render("overlays/prod")).get(0).getMetadata().getNamespace();
    }

    @Test
    void nothingCollidesWithKubePrometheusAndNothingRunsOfItsOwn() {
        Set<String> kubePrometheus = new HashSet<>();
        KUBE_PROMETHEUS.forEach((kind, names) -> names.forEach(name -> kubePrometheus.add(kind + " " + KP_NAMESPACE + "/" + name)));
        KP_ROLE_NAMESPACES.forEach(ns -> List.of("Role", "RoleBinding").forEach(kind -> kubePrometheus.add(kind + " " + ns + "/" + KP_PROMETHEUS_ACCOUNT)));
        List<String> ids = operator.stream().map(o -> o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName()).toList();
        assertThat(ids).as("collisions with kube-prometheus").doesNotContainAnyElementsOf(kubePrometheus);
        for (HasMetadata object : operator) {
            String id = object.getKind() + " " + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
            assertThat(object.getMetadata().getNamespace()).as(id).isEqualTo(platform);
            assertThat(object.getMetadata().getLabels()).as(id + " carries the release label kube-prometheus-stack selects on").containsKey("release");
        }
        assertThat(Manifests.podTemplates(operator)).as("Prometheus, Alertmanager and Grafana are kube-prometheus' own").isEmpty();
        assertThat(operator).noneMatch(o -> o.getKind().equals("Service"));
    }

    @Test
    void kubePrometheusPrometheusMayReadThePlatformsPods() {
        Role role = Manifests.ofKind(operator, Role.class).get(0);
        assertThat(role.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getResources()).containsExactly("pods");
            assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
        });
        RoleBinding binding = Manifests.ofKind(operator, RoleBinding.class).get(0);
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getName()).isEqualTo(KP_PROMETHEUS_ACCOUNT);
            assertThat(subject.getNamespace()).isEqualTo(KP_NAMESPACE);
        });
        PodMonitor monitor = Manifests.ofKind(operator, PodMonitor.class).get(0);
        assertThat(monitor.getSpec().getNamespaceSelector()).as("own namespace only").isNull();
        assertThat(monitor.getSpec().getSampleLimit()).isPositive();
    }

    @Test
    void everyDashboardIsAConfigMapTheGrafanaSidecarFinds() throws Exception {
        ConfigMap dashboards = Manifests.ofKind(operator, ConfigMap.class).get(0);
        assertThat(dashboards.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboards.getData().keySet()).containsExactlyInAnyOrderElementsOf(
                Monitoring.dashboardFiles().stream().map(f -> f.getFileName().toString()).toList());
    }

    /**
     * Generated from the rule files, less self.rules.yml (kube-prometheus ships its own Watchdog and Prometheus and
     * Alertmanager alerts); -DwriteOperator=true regenerates it.
     */
    @Test
    void thePrometheusRuleHoldsTheRuleFilesButSelfMonitoring() throws Exception {
        List<JsonNode> groups = new ArrayList<>();
        for (Path file : Monitoring.ruleFiles()) {
            if (!file.getFileName().toString().equals("self.rules.yml")) {
                Monitoring.YAML.readTree(file.toFile()).path("groups").forEach(groups::add);
            }
        }
        check(PROMETHEUS_RULE, "PrometheusRule", "monitoring.coreos.com/v1", "caas-rules", "alerting", Map.of("groups", groups));
        PrometheusRule parsed = Manifests.ofKind(operator, PrometheusRule.class).get(0);
        assertThat(parsed.getSpec().getGroups()).hasSize(groups.size());
        assertThat(Files.readString(PROMETHEUS_RULE)).doesNotContain("alert: Watchdog");
    }

    /**
     * alertmanager.yml's routes, inhibitions and receivers as an AlertmanagerConfig: the webhook URLs come from the
     * Secret alertmanager-webhooks through urlSecret (the operator mounts secrets at paths of its own, so
     * url_file cannot point at them). The Watchdog's route is kube-prometheus' own. -DwriteOperator=true regenerates it.
     */
    @Test
    void theAlertmanagerConfigRoutesAsAlertmanagerYmlWithTheWebhookSecret() throws Exception {
        JsonNode am = Monitoring.YAML.readTree(Monitoring.DIR.resolve("alertmanager/alertmanager.yml").toFile());
        Map<String, Object> route = new LinkedHashMap<>();
        JsonNode top = am.path("route");
        route.put("receiver", top.path("receiver").asText());
        route.put("groupBy", top.path("group_by"));
        route.put("groupWait", top.path("group_wait").asText());
        route.put("groupInterval", top.path("group_interval").asText());
        route.put("repeatInterval", top.path("repeat_interval").asText());
        List<Map<String, Object>> routes = new ArrayList<>();
        Set<String> skipped = new HashSet<>();
        for (JsonNode child : top.path("routes")) {
            if (child.path("matchers").toString().contains("alertname=\\\"Watchdog\\\"")) {
                skipped.add(child.path("receiver").asText());
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("receiver", child.path("receiver").asText());
            r.put("matchers", matchers(child.path("matchers")));
            if (child.has("repeat_interval")) {
                r.put("repeatInterval", child.path("repeat_interval").asText());
            }
            routes.add(r);
        }
        route.put("routes", routes);
        List<Map<String, Object>> inhibitions = new ArrayList<>();
        for (JsonNode rule : am.path("inhibit_rules")) {
            inhibitions.add(ordered("sourceMatch", matchers(rule.path("source_matchers")), "targetMatch", matchers(rule.path("target_matchers")),
                    "equal", rule.path("equal")));
        }
        List<Map<String, Object>> receivers = new ArrayList<>();
        for (JsonNode receiver : am.path("receivers")) {
            if (skipped.contains(receiver.path("name").asText())) {
                continue;
            }
            List<Map<String, Object>> webhooks = new ArrayList<>();
            for (JsonNode webhook : receiver.path("webhook_configs")) {
                String key = webhook.path("url_file").asText().replaceAll(".*/", "");
                webhooks.add(ordered("urlSecret", ordered("name", WEBHOOK_SECRET, "key", key), "sendResolved", webhook.path("send_resolved").asBoolean()));
            }
            receivers.add(ordered("name", receiver.path("name").asText(), "webhookConfigs", webhooks));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("route", route);
        spec.put("inhibitRules", inhibitions);
        spec.put("receivers", receivers);
        check(ALERTMANAGER_CONFIG, "AlertmanagerConfig", "monitoring.coreos.com/v1alpha1", "caas-alert-routing", "alerting", spec);
        assertThat(Manifests.ofKind(operator, AlertmanagerConfig.class)).singleElement()
                .satisfies(config -> assertThat(config.getSpec().getReceivers()).hasSize(receivers.size()));
    }

    /** A map that keeps its keys in the order given, so the generated file is the same on every run. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<Map<String, Object>> matchers(JsonNode matchers) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode matcher : matchers) {
            Matcher m = MATCHER.matcher(matcher.asText());
            assertThat(m.matches()).as(matcher.asText()).isTrue();
            out.add(ordered("name", m.group(1), "matchType", m.group(2), "value", m.group(3)));
        }
        return out;
    }

    /** The file as the generator writes it (rewritten with -DwriteOperator=true), else a failure. */
    private static void check(Path file, String kind, String apiVersion, String appName, String component, Object spec) throws Exception {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "caas");
        metadata.put("labels", new java.util.TreeMap<>(Map.of("app.kubernetes.io/name", appName, "app.kubernetes.io/component", component,
                "app.kubernetes.io/version", "0.1.0-SNAPSHOT")));
        object.put("metadata", metadata);
        object.put("spec", spec);
        String generated = "# Generated by OperatorVariantTest from k8s/monitoring/" + (kind.equals("PrometheusRule") ? "prometheus/rules" : "alertmanager")
                + "; do not edit. Regenerate: ./mvnw -pl k8s test -Dtest=OperatorVariantTest -DwriteOperator=true\n" + YAML_OUT.writeValueAsString(object);
        if (Boolean.getBoolean("writeOperator")) {
            Files.writeString(file, generated);
        }
        assertThat(Files.readString(file)).as("regenerate with -DwriteOperator=true").isEqualTo(generated);
    }
}
