package io.caas.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** What the manifests say about each service matches what the service's own configuration serves and reads. */
class ServiceConsistencyTest {

    private static final List<String> SERVICES = List.of("auth", "gateway", "socket", "billing");

    @BeforeAll
    static void needsKubectl() {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl is not installed; .ci/run installs it");
    }

    @Test
    void annotationsAndProbesNameThePortsAndPathsTheServicesServe() throws Exception {
        String managementPort = Manifests.commonMetricsDefaults().getProperty("quarkus.management.port");
        for (Deployment deployment : deployments("overlays/prod")) {
            String service = service(deployment);
            Properties config = Manifests.serviceProperties(service);
            Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
            assertThat(annotations).as(service)
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", config.getProperty("quarkus.management.port", managementPort))
                    .containsEntry("prometheus.io/path", "/q/metrics");
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, Integer> ports = container.getPorts().stream()
                    .collect(Collectors.toMap(p -> p.getName(), p -> p.getContainerPort()));
            assertThat(ports).as(service).containsEntry("http", Integer.valueOf(config.getProperty("quarkus.http.port")))
                    .containsEntry("management", Integer.valueOf(config.getProperty("quarkus.management.port", managementPort)));
            for (Probe probe : List.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())) {
                assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
                assertThat(probe.getHttpGet().getPath()).startsWith("/q/health/");
            }
        }
    }

    @Test
    void everyLocalDefaultAServiceConnectsToIsOverriddenByTheManifests() throws Exception {
        for (Deployment deployment : deployments("overlays/prod")) {
            String service = service(deployment);
            Set<String> env = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .map(EnvVar::getName).collect(Collectors.toSet());
            assertThat(env).as(service).contains("POD_NAME", "POD_NAMESPACE");
            Properties config = Manifests.serviceProperties(service);
            for (String key : config.stringPropertyNames()) {
                if (!key.startsWith("%") && config.getProperty(key).contains("localhost")) {
                    assertThat(env).as("%s reads %s, which points at localhost unless the manifest sets it", service, key)
                            .contains(key.toUpperCase().replaceAll("[.\\-\"]", "_"));
                }
            }
            if (config.getProperty("quarkus.datasource.db-kind") != null) {
                assertThat(env).as(service + " has a database").contains("QUARKUS_DATASOURCE_JDBC_URL",
                        "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
            }
        }
    }

    /** auth reads its signing keys from the file QUARKUS_CONFIG_LOCATIONS names: it must be in the Secret's mount. */
    @Test
    void authsSigningKeysFileIsInTheMountedSigningSecret() throws Exception {
        Deployment auth = deployments("overlays/prod").stream().filter(d -> service(d).equals("auth")).findFirst().orElseThrow();
        PodSpec pod = auth.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        Path file = Path.of(container.getEnv().stream().filter(e -> e.getName().equals("QUARKUS_CONFIG_LOCATIONS"))
                .findFirst().orElseThrow().getValue());
        VolumeMount mount = container.getVolumeMounts().stream().filter(m -> file.getParent().equals(Path.of(m.getMountPath())))
                .findFirst().orElseThrow();
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        assertThat(volume.getSecret().getSecretName()).isEqualTo("caas-auth-signing");
        assertThat(volume.getSecret().getOptional()).as("prod pods must not fall back to per-pod keys").isFalse();
        assertThat(file.getFileName()).hasToString("signing.properties");
        assertThat(Files.readString(Manifests.K8S.resolve("README.md"))).as("the README names the key").contains("signing.properties");
    }

    @Test
    void prodRunsTheNativeImagesAndDevTheJvmOnesOfEachService() throws Exception {
        for (Deployment deployment : deployments("overlays/prod")) {
            assertThat(image(deployment)).isEqualTo("ghcr.io/caas-platform/caas-" + service(deployment) + ":0.1.0-SNAPSHOT-native");
        }
        for (Deployment deployment : deployments("overlays/dev")) {
            assertThat(image(deployment)).isEqualTo("ghcr.io/caas-platform/caas-" + service(deployment) + ":0.1.0-SNAPSHOT");
        }
    }

    private static List<Deployment> deployments(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.parse(Manifests.render(overlay));
        List<Deployment> deployments = Manifests.ofKind(objects, Deployment.class);
        assertThat(deployments).extracting(ServiceConsistencyTest::service).containsExactlyInAnyOrderElementsOf(SERVICES);
        return deployments;
    }

    private static String service(Deployment deployment) {
        return deployment.getMetadata().getName().substring("caas-".length());
    }

    private static String image(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }
}
