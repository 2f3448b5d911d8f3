package io.caas.k8s.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.caas.k8s.Hardening;
import io.caas.k8s.Manifests;
import io.caas.k8s.Monitoring;
import io.caas.k8s.NetworkPolicies;
import io.caas.k8s.ScrapeConfig;
import io.caas.k8s.Tools;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;

/** The monitoring variants render into known objects, hardened, wired to each other and to the services. */
class MonitoringManifestsTest {

    private static final List<String> VARIANTS = List.of("monitoring/stack", "monitoring/overlays/thanos",
            "monitoring/overlays/remote-write", "monitoring/operator");

    @BeforeAll
    static void needsKubectl() {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl is not installed; .ci/run installs it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"monitoring/stack", "monitoring/overlays/thanos", "monitoring/overlays/remote-write", "monitoring/operator"})
    void rendersIntoKnownObjectsWithHardenedPodsAndRecommendedLabels(String variant) throws Exception {
        List<HasMetadata> objects = Manifests.parse(Manifests.render(variant));
        assertThat(objects).isNotEmpty().allSatisfy(object -> {
            assertThat(Manifests.unknownFields(object)).as("%s %s", object.getKind(), object.getMetadata().getName()).isEmpty();
            assertThat(object.getMetadata().getLabels()).as("%s %s", object.getKind(), object.getMetadata().getName())
                    .containsKeys("app.kubernetes.io/name", "app.kubernetes.io/part-of", "app.kubernetes.io/component", "app.kubernetes.io/version");
        });
        // Prometheus discovers pods through the API; nothing else gets a token.
        Manifests.podTemplates(objects).forEach((workload, template) ->
                Hardening.assertHardened(workload, template, workload.equals("StatefulSet prometheus")));
    }

    @Test
    void everyMonitoringDirectoryWithAKustomizationIsAVariantOrPartOfOne() throws Exception {
        List<String> found = new ArrayList<>();
        try (var walk = Files.walk(Monitoring.DIR)) {
            walk.filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                    .forEach(f -> found.add(Manifests.K8S.relativize(f.getParent()).toString()));
        }
        String rendered = String.join("\n", VARIANTS.stream().map(v -> read(Manifests.K8S.resolve(v).resolve("kustomization.yaml"))).toList());
        for (String dir : found) {
            String name = dir.substring(dir.lastIndexOf('/') + 1);
            assertThat(VARIANTS.contains(dir) || rendered.contains("/" + name)).as(dir + " is rendered by a variant").isTrue();
        }
    }

    @Test
    void theAnnotationJobAndThePodMonitorAreNeverDeployedTogether() throws Exception {
        for (String variant : VARIANTS) {
            List<HasMetadata> objects = Manifests.parse(Manifests.render(variant));
            boolean annotationJob = Manifests.ofKind(objects, ConfigMap.class).stream().anyMatch(c -> c.getData().containsKey("prometheus.yml"));
            boolean podMonitor = !Manifests.ofKind(objects, PodMonitor.class).isEmpty();
            assertThat(annotationJob ^ podMonitor).as(variant + " has exactly one way of scraping the services").isTrue();
        }
    }

    @Test
    void prometheusKeepsExemplarsAndDataAndCapsWhatATargetMaySend() throws Exception {
        List<HasMetadata> objects = Manifests.parse(Manifests.render("monitoring/stack"));
        StatefulSet prometheus = statefulSet(objects, "prometheus");
        List<String> args = prometheus.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertThat(args).anyMatch(arg -> arg.startsWith("--enable-feature=") && arg.contains("exemplar-storage") && arg.contains("expand-external-labels"))
                .anyMatch(arg -> arg.startsWith("--storage.tsdb.retention.time="));
        assertThat(prometheus.getSpec().getVolumeClaimTemplates()).extracting(c -> c.getMetadata().getName()).contains("data");
        JsonNode config = Monitoring.YAML.readTree(ScrapeConfig.PROMETHEUS_YML.toFile());
        assertThat(config.path("global").path("external_labels").has("cluster")).isTrue();
        assertThat(config.path("global").path("external_labels").path("replica").asText()).isEqualTo("${POD_NAME}");
        JsonNode job = caasPodsJob(config);
        assertThat(job.path("honor_labels").asBoolean(true)).isFalse();
        assertThat(job.path("sample_limit").asInt()).isPositive();
        assertThat(job.path("label_limit").asInt()).isPositive();
        assertThat(job.path("label_value_length_limit").asInt()).isPositive();
    }

    /**
     * Discovery reads pods of the platform's namespace only, through a Role there (no ClusterRole), and the scrape
     * job keeps only that namespace: the one the platform overlays deploy to.
     */
    @Test
    void prometheusDiscoversOnlyThePlatformNamespaceThroughARoleThere() throws Exception {
        String platform = Manifests.parse(Manifests.render("overlays/prod")).get(0).getMetadata().getNamespace();
        JsonNode job = caasPodsJob(Monitoring.YAML.readTree(ScrapeConfig.PROMETHEUS_YML.toFile()));
        assertThat(job.path("kubernetes_sd_configs")).singleElement().satisfies(sd ->
                assertThat(Monitoring.YAML.convertValue(sd.path("namespaces").path("names"), List.class)).containsExactly(platform));
        assertThat(job.path("relabel_configs").get(0).toString()).contains("__meta_kubernetes_namespace", "\"regex\":\"" + platform + "\"", "keep");
        for (String variant : List.of("monitoring/stack", "monitoring/overlays/thanos", "monitoring/overlays/remote-write")) {
            List<HasMetadata> objects = Manifests.parse(Manifests.render(variant));
            Role role = Manifests.ofKind(objects, Role.class).stream().filter(r -> r.getMetadata().getNamespace().equals(platform))
                    .findFirst().orElseThrow();
            assertThat(role.getRules()).singleElement().satisfies(rule -> {
                assertThat(rule.getResources()).containsExactly("pods");
                assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
            });
            RoleBinding binding = Manifests.ofKind(objects, RoleBinding.class).stream()
                    .filter(b -> b.getMetadata().getNamespace().equals(platform)).findFirst().orElseThrow();
            assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
            StatefulSet prometheus = statefulSet(objects, "prometheus");
            assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
                assertThat(subject.getName()).isEqualTo(prometheus.getSpec().getTemplate().getSpec().getServiceAccountName());
                assertThat(subject.getNamespace()).isEqualTo(prometheus.getMetadata().getNamespace());
            });
        }
    }

    /**
     * Prometheus' discovery reads pods through Roles in the namespaces it watches, in every variant (the operator's
     * too): nothing rendered here grants anything cluster-wide.
     */
    @Test
    void nothingRenderedGrantsClusterWideAccess() throws Exception {
        List<String> rendered = new ArrayList<>(VARIANTS);
        rendered.addAll(List.of("overlays/dev", "overlays/prod"));
        for (String dir : rendered) {
            assertThat(Manifests.parse(Manifests.render(dir))).as(dir)
                    .noneMatch(o -> o instanceof ClusterRole || o instanceof ClusterRoleBinding)
                    .noneMatch(o -> o.getKind().startsWith("Cluster"));
        }
    }

    private static JsonNode caasPodsJob(JsonNode config) {
        for (JsonNode job : config.path("scrape_configs")) {
            if (job.path("job_name").asText().equals(ScrapeConfig.JOB)) {
                return job;
            }
        }
        throw new AssertionError("no job " + ScrapeConfig.JOB);
    }

    /** The services' NetworkPolicies let this stack's Prometheus, where and as it runs, reach their metrics. */
    @Test
    void theServicesLetTheStacksPrometheusScrapeTheirManagementPort() throws Exception {
        StatefulSet prometheus = statefulSet(Manifests.parse(Manifests.render("monitoring/stack")), "prometheus");
        NetworkPolicies.Client client = new NetworkPolicies.Client("prometheus", prometheus.getMetadata().getNamespace(), Map.of(),
                prometheus.getSpec().getTemplate().getMetadata().getLabels());
        List<HasMetadata> platform = Manifests.parse(Manifests.render("overlays/prod"));
        List<NetworkPolicy> policies = Manifests.ofKind(platform, NetworkPolicy.class);
        for (Deployment service : Manifests.ofKind(platform, Deployment.class)) {
            assertThat(NetworkPolicies.admits(policies, service, "management", client)).as(service.getMetadata().getName()).isTrue();
        }
    }

    @Test
    void thanosCutsTwoHourBlocksDeduplicatesOnTheReplicaLabelAndRunsOneCompactor() throws Exception {
        List<HasMetadata> objects = Manifests.parse(Manifests.render("monitoring/overlays/thanos"));
        List<Container> prometheus = statefulSet(objects, "prometheus").getSpec().getTemplate().getSpec().getContainers();
        assertThat(prometheus.get(0).getArgs()).contains("--storage.tsdb.min-block-duration=2h", "--storage.tsdb.max-block-duration=2h");
        assertThat(prometheus).extracting(Container::getName).contains("thanos-sidecar");
        assertThat(Monitoring.YAML.readTree(ScrapeConfig.PROMETHEUS_YML.toFile()).path("global").path("external_labels").has("replica")).isTrue();
        assertThat(queryArgs(objects)).contains("--endpoint=dnssrv+_grpc._tcp.prometheus-sidecar.monitoring.svc");
    }

    /**
     * Both long-term variants: two Prometheus replicas (deduplicated by Query on replica, which alerts drop), Query,
     * Store Gateway and one Compactor on the bucket, auto-downsampling, and Grafana reading Query — long-term data
     * reaches the dashboards. The plain stack's Grafana reads Prometheus.
     */
    @ParameterizedTest
    @ValueSource(strings = {"monitoring/overlays/thanos", "monitoring/overlays/remote-write"})
    void longTermVariantsRunTwoPrometheusReplicasAndGrafanaReadsThanosQuery(String variant) throws Exception {
        List<HasMetadata> objects = Manifests.parse(Manifests.render(variant));
        assertThat(statefulSet(objects, "prometheus").getSpec().getReplicas()).isEqualTo(2);
        assertThat(queryArgs(objects)).contains("--query.replica-label=replica", "--query.auto-downsampling",
                "--endpoint=dnssrv+_grpc._tcp.thanos-store-gateway.monitoring.svc");
        assertThat(statefulSet(objects, "thanos-compactor").getSpec().getReplicas()).isEqualTo(1);
        assertThat(statefulSet(objects, "thanos-store-gateway")).isNotNull();
        assertThat(grafanaPrometheusUrl(objects)).isEqualTo("http://thanos-query.monitoring.svc:9090");
        assertThat(grafanaPrometheusUrl(Manifests.parse(Manifests.render("monitoring/stack")))).isEqualTo("http://prometheus.monitoring.svc:9090");
        JsonNode alerting = Monitoring.YAML.readTree(ScrapeConfig.PROMETHEUS_YML.toFile()).path("alerting");
        assertThat(alerting.path("alert_relabel_configs").toString()).contains("labeldrop", "replica");
    }

    private static List<String> queryArgs(List<HasMetadata> objects) {
        return Manifests.ofKind(objects, Deployment.class).stream().filter(d -> d.getMetadata().getName().equals("thanos-query"))
                .findFirst().orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    }

    /** The URL of Grafana's Prometheus data source: the provisioning file's, with Grafana's environment expanded. */
    private static String grafanaPrometheusUrl(List<HasMetadata> objects) throws Exception {
        Deployment grafana = Manifests.ofKind(objects, Deployment.class).stream().filter(d -> d.getMetadata().getName().equals("grafana"))
                .findFirst().orElseThrow();
        String url = "";
        for (ConfigMap map : Manifests.ofKind(objects, ConfigMap.class)) {
            if (map.getData() != null && map.getData().containsKey("datasources.yaml")) {
                for (JsonNode source : Monitoring.YAML.readTree(map.getData().get("datasources.yaml")).path("datasources")) {
                    if (source.path("type").asText().equals("prometheus")) {
                        url = source.path("url").asText();
                    }
                }
            }
        }
        for (var env : grafana.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            url = url.replace("${" + env.getName() + "}", env.getValue() == null ? "" : env.getValue());
        }
        return url;
    }

    @Test
    void remoteWriteAppendsAValidRemoteWriteSectionToTheSameConfig(@TempDir Path dir) throws Exception {
        assumeTrue(Tools.onPath("promtool"), "promtool is not installed; .ci/run installs it");
        Path appended = Monitoring.DIR.resolve("components/remote-write/remote-write.yml");
        Path targets = dir.resolve("targets.json");
        Files.writeString(targets, "[]");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, ScrapeConfig.withFileSd(targets, Monitoring.ruleFiles(), List.of("alertmanager:9093"), Optional.empty(), appended));
        Tools.succeed(dir, "promtool", "check", "config", config.toString());
        JsonNode remoteWrite = Monitoring.YAML.readTree(config.toFile()).path("remote_write");
        assertThat(remoteWrite).hasSize(1);
        assertThat(remoteWrite.get(0).path("url").asText()).startsWith("http://thanos-receive.monitoring.svc:19291/");
        List<HasMetadata> objects = Manifests.parse(Manifests.render("monitoring/overlays/remote-write"));
        assertThat(objects).anyMatch(o -> o.getMetadata().getName().equals("thanos-receive"));
        assertThat(queryArgs(objects)).contains("--endpoint=dnssrv+_grpc._tcp.thanos-receive.monitoring.svc");
    }

    @Test
    void thePodMonitorScrapesTheManagementPortAndPathOfTheServices() throws Exception {
        PodMonitor monitor = Manifests.ofKind(Manifests.parse(Manifests.render("monitoring/operator")), PodMonitor.class).get(0);
        var endpoint = monitor.getSpec().getPodMetricsEndpoints().get(0);
        for (Deployment deployment : Manifests.ofKind(Manifests.parse(Manifests.render("overlays/prod")), Deployment.class)) {
            PodTemplateSpec template = deployment.getSpec().getTemplate();
            assertThat(template.getMetadata().getLabels()).containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
            assertThat(monitor.getSpec().getSelector().getMatchExpressions().get(0).getValues()).contains(deployment.getMetadata().getName());
            Container container = template.getSpec().getContainers().get(0);
            assertThat(container.getPorts()).anySatisfy(port -> {
                assertThat(port.getName()).isEqualTo(endpoint.getPort());
                assertThat(String.valueOf(port.getContainerPort())).isEqualTo(template.getMetadata().getAnnotations().get("prometheus.io/port"));
            });
            assertThat(endpoint.getPath()).isEqualTo(template.getMetadata().getAnnotations().get("prometheus.io/path"));
        }
        assertThat(endpoint.getHonorLabels()).isFalse();
    }

    private static StatefulSet statefulSet(List<HasMetadata> objects, String name) {
        return Manifests.ofKind(objects, StatefulSet.class).stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
