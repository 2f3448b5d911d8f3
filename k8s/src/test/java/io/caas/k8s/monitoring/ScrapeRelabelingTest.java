package io.caas.k8s.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.caas.k8s.Manifests;
import io.caas.k8s.Monitoring;
import io.caas.k8s.ScrapeConfig;
import io.caas.k8s.Tools;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The caas-pods scrape job's relabeling, applied by promtool to the pods of the rendered dev overlay as Kubernetes
 * discovery would present them, plus pods, ports and namespaces that must not become targets.
 */
class ScrapeRelabelingTest {

    @BeforeAll
    static void needsTools() {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl is not installed; .ci/run installs it");
        assumeTrue(Tools.onPath("promtool"), "promtool is not installed; .ci/run installs it");
    }

    @Test
    void exactlyOneTargetPerAnnotatedRunningPodOnItsManagementPortWithPodLabels(@TempDir Path dir) throws Exception {
        List<Deployment> deployments = Manifests.ofKind(Manifests.parse(Manifests.render("overlays/dev")), Deployment.class);
        List<ScrapeConfig.Pod> pods = new ArrayList<>();
        int ip = 10;
        for (Deployment deployment : deployments) {
            PodTemplateSpec template = deployment.getSpec().getTemplate();
            pods.add(new ScrapeConfig.Pod(template, deployment.getMetadata().getName() + "-7d9f8-abcde", "10.0.0." + ip++, "caas", "Running"));
        }
        PodTemplateSpec gateway = deployments.stream().filter(d -> d.getMetadata().getName().equals("caas-gateway"))
                .findFirst().orElseThrow().getSpec().getTemplate();
        // the same pod with a sidecar exposing its own port: still one target
        PodTemplateSpec withSidecar = new PodTemplateSpecBuilder(gateway).editSpec()
                .addToContainers(new ContainerBuilder().withName("proxy").addNewPort().withName("admin").withContainerPort(15000).endPort().build())
                .endSpec().build();
        pods.add(new ScrapeConfig.Pod(withSidecar, "caas-gateway-sidecar-xyz12", "10.0.0.50", "caas", "Running"));
        // a pod without the annotations, a finished pod, a pending pod: no target
        PodTemplateSpec unannotated = new PodTemplateSpecBuilder(gateway).editMetadata().withAnnotations(Map.of()).endMetadata().build();
        pods.add(new ScrapeConfig.Pod(unannotated, "some-app-1", "10.0.0.60", "caas", "Running"));
        pods.add(new ScrapeConfig.Pod(gateway, "caas-gateway-job-done", "10.0.0.61", "caas", "Succeeded"));
        pods.add(new ScrapeConfig.Pod(gateway, "caas-gateway-starting", "10.0.0.62", "caas", "Pending"));
        // another team's annotated pod in another namespace: not ours to scrape
        pods.add(new ScrapeConfig.Pod(gateway, "their-app-1", "10.0.0.63", "other-team", "Running"));

        Path targets = dir.resolve("targets.json");
        ScrapeConfig.writeTargets(targets, pods);
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, ScrapeConfig.withFileSd(targets, List.of(), List.of(), Optional.empty()));

        JsonNode result = Monitoring.JSON.readTree(Tools.succeed(dir, "promtool", "check", "service-discovery",
                "--timeout=3s", config.toString(), ScrapeConfig.JOB));
        List<JsonNode> kept = new ArrayList<>();
        result.forEach(target -> {
            if (!target.path("labels").isEmpty()) {
                kept.add(target.path("labels"));
            }
        });

        assertThat(kept).extracting(labels -> labels.path("pod").asText()).containsExactlyInAnyOrder(
                "caas-auth-7d9f8-abcde", "caas-gateway-7d9f8-abcde", "caas-socket-7d9f8-abcde", "caas-billing-7d9f8-abcde",
                "caas-gateway-sidecar-xyz12");
        for (JsonNode labels : kept) {
            String pod = labels.path("pod").asText();
            String service = pod.startsWith("caas-gateway-sidecar") ? "caas-gateway" : pod.substring(0, pod.indexOf("-7d9f8"));
            assertThat(labels.path("__address__").asText()).as(pod).endsWith(":9000");
            assertThat(labels.path("__metrics_path__").asText()).as(pod).isEqualTo("/q/metrics");
            assertThat(labels.path("__scheme__").asText()).as(pod).isEqualTo("http");
            assertThat(labels.path("namespace").asText()).as(pod).isEqualTo("caas");
            assertThat(labels.path("service").asText()).as(pod).isEqualTo(service);
            assertThat(labels.path("container").asText()).as(pod).isEqualTo(service.substring("caas-".length()));
            assertThat(labels.path("job").asText()).as(pod).isEqualTo(ScrapeConfig.JOB);
        }
        assertThat(kept).extracting(labels -> labels.path("__address__").asText())
                .contains("10.0.0.50:9000").doesNotContain("10.0.0.50:15000");
    }

    /** The stack watches itself: one target per component, on its metrics port, named by the component. */
    @Test
    void theMonitoringJobScrapesEachComponentOfTheStackOnce(@TempDir Path dir) throws Exception {
        List<ScrapeConfig.Pod> pods = new ArrayList<>();
        int ip = 10;
        for (Map.Entry<String, PodTemplateSpec> workload : Manifests.podTemplates(Manifests.parse(Manifests.render("monitoring/overlays/thanos"))).entrySet()) {
            pods.add(new ScrapeConfig.Pod(workload.getValue(), workload.getKey().substring(workload.getKey().indexOf(' ') + 1) + "-0",
                    "10.1.0." + ip++, "monitoring", "Running"));
        }
        // The same stack in another namespace: discovery watches monitoring only (namespaces.names), so no target.
        pods.add(new ScrapeConfig.Pod(pods.get(0).template(), "elsewhere-0", "10.2.0.1", "team-x", "Running"));
        Path targets = dir.resolve("targets.json");
        ScrapeConfig.writeTargets(targets, pods);
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, ScrapeConfig.withFileSd(Map.of("monitoring", targets), List.of(), List.of(), Optional.empty()));
        JsonNode result = Monitoring.JSON.readTree(Tools.succeed(dir, "promtool", "check", "service-discovery", "--timeout=3s", config.toString(), "monitoring"));
        Map<String, String> ports = new TreeMap<>();
        List<String> jobs = new ArrayList<>();
        result.forEach(target -> {
            if (!target.path("labels").isEmpty()) {
                String address = target.path("labels").path("__address__").asText();
                jobs.add(target.path("labels").path("job").asText());
                ports.put(jobs.get(jobs.size() - 1), address.substring(address.indexOf(':') + 1));
            }
        });
        assertThat(ports).containsExactlyInAnyOrderEntriesOf(Map.of("prometheus", "9090", "thanos-sidecar", "10902", "alertmanager", "9093",
                "grafana", "3000", "thanos-query", "9090", "thanos-store-gateway", "10902", "thanos-compactor", "10902"));
        assertThat(jobs).as("one target each").hasSize(7);
    }
}
