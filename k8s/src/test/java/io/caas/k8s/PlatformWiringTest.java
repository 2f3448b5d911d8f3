package io.caas.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.caas.localinfra.PlatformKafka;
import io.caas.metrics.catalog.MetricCatalog;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;

/** The overlays wire the services to Kafka and PostgreSQL, spread them, and scale them on metrics that exist. */
class PlatformWiringTest {

    private static final List<String> SERVICES = List.of("auth", "gateway", "socket", "billing");

    @BeforeAll
    static void needsKubectl() {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl is not installed; .ci/run installs it");
    }

    @Test
    void devEndpointsAreTheInClusterKafkaAndPostgresServices() throws Exception {
        List<HasMetadata> objects = Manifests.parse(Manifests.render("overlays/dev"));
        Map<String, String> platform = platformConfig(objects);
        Map<String, List<Integer>> services = Manifests.ofKind(objects, Service.class).stream().collect(Collectors.toMap(
                s -> s.getMetadata().getName(), s -> s.getSpec().getPorts().stream().map(p -> p.getPort()).toList()));
        for (String endpoint : List.of("kafka-bootstrap-servers", "auth-jdbc-url", "billing-jdbc-url")) {
            URI uri = URI.create("tcp://" + platform.get(endpoint).replaceFirst("^jdbc:postgresql://", ""));
            assertThat(services).as(endpoint).containsKey(uri.getHost());
            assertThat(services.get(uri.getHost())).as(endpoint).contains(uri.getPort());
        }
    }

    @Test
    void prodPointsAtExternalKafkaAndPostgresAndRunsNeither() throws Exception {
        List<HasMetadata> objects = Manifests.parse(Manifests.render("overlays/prod"));
        Map<String, String> prod = platformConfig(objects);
        Map<String, String> dev = platformConfig(Manifests.parse(Manifests.render("overlays/dev")));
        for (String endpoint : List.of("kafka-bootstrap-servers", "auth-jdbc-url", "billing-jdbc-url")) {
            assertThat(prod.get(endpoint)).as(endpoint).isNotBlank().isNotEqualTo(dev.get(endpoint));
        }
        assertThat(Manifests.podTemplates(objects).keySet()).allMatch(workload -> workload.startsWith("Deployment caas-"));
    }

    @Test
    void devCreatesEveryTopicTheServicesUseWithAPartitionForEachBillingReplica() throws Exception {
        List<HasMetadata> objects = Manifests.parse(Manifests.render("overlays/dev"));
        Map<String, String> setup = configMap(objects, "kafka-setup");
        List<String> topics = setup.get("topics.txt").lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
        for (String service : SERVICES) {
            Properties config = Manifests.serviceProperties(service);
            config.stringPropertyNames().stream().filter(key -> key.endsWith("topic")).map(config::getProperty)
                    .forEach(topic -> assertThat(topics).as(service + " uses topic " + topic).contains(topic));
        }
        assertThat(topics).as("the same topics as local-infra's broker").containsExactlyInAnyOrderElementsOf(
                PlatformKafka.topics(1).stream().map(NewTopic::name).toList());
        int partitions = Integer.parseInt(setup.get("setup.sh").replaceFirst("(?s).*--partitions (\\d+).*", "$1"));
        assertThat(partitions).isGreaterThanOrEqualTo(hpa(objects, "caas-billing").getSpec().getMaxReplicas());
    }

    @Test
    void devGrantsEachServicePrincipalExactlyWhatLocalInfraGrants() throws Exception {
        List<HasMetadata> objects = Manifests.parse(Manifests.render("overlays/dev"));
        Set<String> granted = configMap(objects, "kafka-setup").get("acls.txt").lines().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).collect(Collectors.toSet());
        Set<String> platform = PlatformKafka.acls().stream().map(acl -> String.join(" ",
                acl.entry().principal().substring("User:".length()), acl.pattern().resourceType().name().toLowerCase(Locale.ROOT),
                acl.pattern().name(), capitalized(acl.entry().operation().name()))).collect(Collectors.toSet());
        assertThat(granted).isEqualTo(platform);
    }

    @Test
    void onlyKafkasClientsReachTheDevBroker() throws Exception {
        List<HasMetadata> objects = Manifests.parse(Manifests.render("overlays/dev"));
        NetworkPolicy policy = Manifests.ofKind(objects, NetworkPolicy.class).stream()
                .filter(p -> "kafka".equals(p.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/name")))
                .findFirst().orElseThrow();
        assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).extracting(port -> port.getPort().getStrVal()).containsExactly("kafka");
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(peer.getPodSelector().getMatchExpressions())
                    .singleElement().satisfies(in -> assertThat(in.getValues()).containsExactlyInAnyOrder(
                            "caas-gateway", "caas-socket", "caas-billing", "kafka-setup")));
        });
    }

    @Test
    void eachServiceTalksToKafkaAsItsOwnPrincipal() throws Exception {
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            List<HasMetadata> objects = Manifests.parse(Manifests.render(overlay));
            for (String service : PlatformKafka.SERVICES) {
                Deployment deployment = Manifests.ofKind(objects, Deployment.class).stream()
                        .filter(d -> d.getMetadata().getName().equals("caas-" + service)).findFirst().orElseThrow();
                Map<String, String> secretOf = new HashMap<>();
                Map<String, String> values = new HashMap<>();
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().forEach(env -> {
                    values.put(env.getName(), env.getValue());
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        secretOf.put(env.getName(), env.getValueFrom().getSecretKeyRef().getName());
                    }
                });
                assertThat(secretOf).as(overlay + " " + service).containsEntry("SASL_USERNAME", "caas-kafka-" + service)
                        .containsEntry("SASL_PASSWORD", "caas-kafka-" + service);
                assertThat(values.get("KAFKA_SASL_JAAS_CONFIG")).contains("$(SASL_USERNAME)").contains("$(SASL_PASSWORD)");
                assertThat(values.get("KAFKA_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
            }
            assertThat(platformConfig(objects).get("kafka-security-protocol")).as(overlay).startsWith("SASL_");
        }
        assertThat(platformConfig(Manifests.parse(Manifests.render("overlays/prod"))).get("kafka-security-protocol"))
                .as("prod encrypts").isEqualTo("SASL_SSL");
    }

    @Test
    void prodRunsAtLeastTwoReplicasOfEachServiceOnDifferentNodes() throws Exception {
        List<HasMetadata> objects = Manifests.parse(Manifests.render("overlays/prod"));
        for (Deployment deployment : Manifests.ofKind(objects, Deployment.class)) {
            String name = deployment.getMetadata().getName();
            assertThat(deployment.getSpec().getReplicas()).as(name).isGreaterThanOrEqualTo(2);
            assertThat(hpa(objects, name).getSpec().getMinReplicas()).as(name).isGreaterThanOrEqualTo(2);
            var antiAffinity = deployment.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                    .getRequiredDuringSchedulingIgnoredDuringExecution();
            assertThat(antiAffinity).as(name).singleElement().satisfies(term -> {
                assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                assertThat(selects(term.getLabelSelector(), deployment)).as(name + " repels its own pods").isTrue();
            });
        }
    }

    @Test
    void podsKeepServingWhileEndpointsForgetThemThenStopGracefullyWithinTheirGracePeriod() throws Exception {
        long shutdownSeconds = Duration.parse("PT" + Manifests.sharedDefaults("common-web").getProperty("quarkus.shutdown.timeout")).toSeconds();
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            for (Deployment deployment : Manifests.ofKind(Manifests.parse(Manifests.render(overlay)), Deployment.class)) {
                String name = overlay + " " + deployment.getMetadata().getName();
                var pod = deployment.getSpec().getTemplate().getSpec();
                for (var container : pod.getContainers()) {
                    assertThat(container.getLifecycle()).as(name + " has a preStop pause").isNotNull();
                    long pause = container.getLifecycle().getPreStop().getSleep().getSeconds();
                    assertThat(pause).as(name + " preStop pause").isGreaterThanOrEqualTo(5);
                    // The pause, the HTTP drain and a consumer's last batch all fit before the SIGKILL.
                    assertThat(pod.getTerminationGracePeriodSeconds()).as(name + " grace period")
                            .isGreaterThanOrEqualTo(pause + shutdownSeconds + 10);
                }
            }
        }
    }

    @Test
    void prodScalesBillingOnLagAndSocketOnConnectionsThroughTheAdapterRules() throws Exception {
        List<HasMetadata> objects = Manifests.parse(Manifests.render("overlays/prod"));
        assertThat(metricNames(hpa(objects, "caas-billing"))).contains("caas_kafka_consumer_lag");
        assertThat(metricNames(hpa(objects, "caas-socket"))).contains("caas_socket_connections_active");

        JsonNode rules = Monitoring.YAML.readTree(Files.readString(Manifests.K8S.resolve("components/domain-autoscaling/prometheus-adapter-values.yaml")))
                .path("rules");
        for (HorizontalPodAutoscaler hpa : Manifests.ofKind(objects, HorizontalPodAutoscaler.class)) {
            for (MetricSpec metric : hpa.getSpec().getMetrics()) {
                Optional<String> served = switch (metric.getType()) {
                    case "External" -> Optional.of("external");
                    case "Pods", "Object" -> Optional.of("custom");
                    default -> Optional.empty();
                };
                if (served.isEmpty()) {
                    continue;
                }
                String name = metricName(metric);
                assertThat(MetricCatalog.bySeriesName(name)).as("%s is a catalog metric", name).isPresent();
                List<String> servedNames = new ArrayList<>();
                rules.path(served.get()).forEach(rule -> servedNames.add(rule.path("name").path("as").asText(rule.path("name").path("matches").asText())));
                assertThat(servedNames).as("adapter serves %s", name).contains(name);
            }
        }
    }

    private static Map<String, String> platformConfig(List<HasMetadata> objects) {
        return configMap(objects, "caas-platform");
    }

    private static Map<String, String> configMap(List<HasMetadata> objects, String name) {
        return Manifests.ofKind(objects, ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name))
                .findFirst().orElseThrow().getData();
    }

    private static String capitalized(String operation) {
        return operation.charAt(0) + operation.substring(1).toLowerCase(Locale.ROOT).replace("_", "");
    }

    private static HorizontalPodAutoscaler hpa(List<HasMetadata> objects, String deployment) {
        return Manifests.ofKind(objects, HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(deployment)).findFirst().orElseThrow();
    }

    private static List<String> metricNames(HorizontalPodAutoscaler hpa) {
        return hpa.getSpec().getMetrics().stream().filter(m -> !m.getType().equals("Resource")).map(PlatformWiringTest::metricName).toList();
    }

    private static String metricName(MetricSpec metric) {
        return switch (metric.getType()) {
            case "External" -> metric.getExternal().getMetric().getName();
            case "Pods" -> metric.getPods().getMetric().getName();
            case "Object" -> metric.getObject().getMetric().getName();
            default -> throw new IllegalArgumentException(metric.getType());
        };
    }

    private static boolean selects(LabelSelector selector, Deployment deployment) {
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        return !selector.getMatchLabels().isEmpty()
                && selector.getMatchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
