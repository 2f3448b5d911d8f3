package io.caas.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/**
 * The Prometheus configuration of k8s/monitoring with its Kubernetes pod discovery swapped for file_sd (a keep rule
 * on the namespace standing in for the discovery's {@code namespaces}), and the target groups Kubernetes discovery
 * would produce for given pods. Debian's Prometheus has no Kubernetes discovery; everything else (the
 * relabel_configs above all) is the file in k8s/, read, not copied.
 */
public final class ScrapeConfig {

    public static final Path PROMETHEUS_YML = Manifests.K8S.resolve("monitoring/prometheus/prometheus.yml");
    public static final String JOB = "caas-pods";

    /** A pod as discovery sees it: its template, name, IP, namespace and phase. */
    public record Pod(PodTemplateSpec template, String name, String ip, String namespace, String phase) {
    }

    private ScrapeConfig() {
    }

    /**
     * prometheus.yml (plus any appended files, as the remote-write component does) with the caas-pods job reading
     * {@code targetsFile}; rule files replaced by {@code ruleFiles}, Alertmanager targets by {@code alertmanagers} (alert relabeling kept),
     * and, if given, the scrape and evaluation intervals by {@code interval} (tests scrape faster).
     */
    public static String withFileSd(Path targetsFile, List<Path> ruleFiles, List<String> alertmanagers,
            Optional<Duration> interval, Path... appended) throws IOException {
        return withFileSd(Map.of(JOB, targetsFile), ruleFiles, alertmanagers, interval, appended);
    }

    /**
     * The same, with each job named in {@code targetsByJob} reading its file; any other job that uses Kubernetes
     * discovery (the stack's self-monitoring) gets no targets.
     */
    @SuppressWarnings("unchecked")
    public static String withFileSd(Map<String, Path> targetsByJob, List<Path> ruleFiles, List<String> alertmanagers,
            Optional<Duration> interval, Path... appended) throws IOException {
        StringBuilder text = new StringBuilder(Files.readString(PROMETHEUS_YML));
        for (Path file : appended) {
            text.append('\n').append(Files.readString(file));
        }
        Map<String, Object> config = Monitoring.YAML.readValue(text.toString(), Map.class);
        config.put("rule_files", ruleFiles.stream().map(Path::toString).toList());
        interval.ifPresent(every -> {
            Map<String, Object> global = (Map<String, Object>) config.get("global");
            global.put("scrape_interval", every.toMillis() + "ms");
            global.put("evaluation_interval", every.toMillis() + "ms");
        });
        if (alertmanagers.isEmpty()) {
            config.remove("alerting");
        } else {
            ((Map<String, Object>) config.get("alerting")).put("alertmanagers",
                    List.of(Map.of("static_configs", List.of(Map.of("targets", alertmanagers)))));
        }
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
        for (Map<String, Object> job : jobs) {
            Path targets = targetsByJob.get((String) job.get("job_name"));
            Object discovery = job.remove("kubernetes_sd_configs");
            if (discovery != null) {
                job.put(targets == null ? "static_configs" : "file_sd_configs", targets == null ? List.of()
                        : List.of(Map.of("files", List.of(targets.toString()), "refresh_interval", "5s")));
                discoveredNamespaces((String) job.get("job_name"), (List<Map<String, Object>>) discovery).ifPresent(names -> {
                    List<Object> relabeling = new ArrayList<>((List<Object>) job.getOrDefault("relabel_configs", List.of()));
                    relabeling.add(0, Map.of("source_labels", List.of("__meta_kubernetes_namespace"),
                            "regex", String.join("|", names), "action", "keep"));
                    job.put("relabel_configs", relabeling);
                });
            } else if (targets != null) {
                throw new IllegalStateException(job.get("job_name") + " does not use kubernetes_sd_configs");
            }
        }
        return Monitoring.YAML.writeValueAsString(config);
    }

    /**
     * The namespaces Kubernetes discovery would watch ({@code namespaces.names}), empty for all namespaces: file_sd
     * sees every target written, so a keep rule stands in for the discovery's scope. Only pod discovery by names is
     * imitated; anything else fails rather than yield targets Kubernetes would not.
     */
    @SuppressWarnings("unchecked")
    private static Optional<List<String>> discoveredNamespaces(String job, List<Map<String, Object>> discovery) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> sd : discovery) {
            if (!"pod".equals(sd.get("role"))) {
                throw new IllegalStateException(job + ": only role pod discovery can be imitated, not " + sd.get("role"));
            }
            Map<String, Object> namespaces = (Map<String, Object>) sd.getOrDefault("namespaces", Map.of());
            if (Boolean.TRUE.equals(namespaces.get("own_namespace"))) {
                throw new IllegalStateException(job + ": own_namespace depends on where Prometheus runs; name the namespaces");
            }
            List<String> named = (List<String>) namespaces.getOrDefault("names", List.of());
            if (named.isEmpty()) {
                return Optional.empty();
            }
            // Namespace names are DNS labels: no regex metacharacters to escape.
            names.addAll(named);
        }
        return Optional.of(names);
    }

    /** One target group per container port (and one per container without ports), as Kubernetes pod discovery does. */
    public static List<Map<String, Object>> targetGroups(List<Pod> pods) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Pod pod : pods) {
            Map<String, String> podLabels = new LinkedHashMap<>();
            podLabels.put("__meta_kubernetes_namespace", pod.namespace());
            podLabels.put("__meta_kubernetes_pod_name", pod.name());
            podLabels.put("__meta_kubernetes_pod_ip", pod.ip());
            podLabels.put("__meta_kubernetes_pod_phase", pod.phase());
            podLabels.put("__meta_kubernetes_pod_ready", "Running".equals(pod.phase()) ? "true" : "false");
            meta(podLabels, "label", pod.template().getMetadata().getLabels());
            meta(podLabels, "annotation", pod.template().getMetadata().getAnnotations());
            for (Container container : pod.template().getSpec().getContainers()) {
                Map<String, String> labels = new LinkedHashMap<>(podLabels);
                labels.put("__meta_kubernetes_pod_container_name", container.getName());
                List<ContainerPort> ports = container.getPorts() == null ? List.of() : container.getPorts();
                if (ports.isEmpty()) {
                    groups.add(Map.of("targets", List.of(pod.ip()), "labels", labels));
                }
                for (ContainerPort port : ports) {
                    Map<String, String> portLabels = new LinkedHashMap<>(labels);
                    portLabels.put("__meta_kubernetes_pod_container_port_number", String.valueOf(port.getContainerPort()));
                    portLabels.put("__meta_kubernetes_pod_container_port_protocol", port.getProtocol() == null ? "TCP" : port.getProtocol());
                    if (port.getName() != null) {
                        portLabels.put("__meta_kubernetes_pod_container_port_name", port.getName());
                    }
                    groups.add(Map.of("targets", List.of(pod.ip() + ":" + port.getContainerPort()), "labels", portLabels));
                }
            }
        }
        return groups;
    }

    public static void writeTargets(Path file, List<Pod> pods) throws IOException {
        Monitoring.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), targetGroups(pods));
    }

    private static void meta(Map<String, String> labels, String kind, Map<String, String> values) {
        if (values != null) {
            values.forEach((key, value) -> {
                String name = key.replaceAll("[^a-zA-Z0-9_]", "_");
                labels.put("__meta_kubernetes_pod_" + kind + "_" + name, value);
                labels.put("__meta_kubernetes_pod_" + kind + "present_" + name, "true");
            });
        }
    }
}
