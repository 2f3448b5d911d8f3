package io.caas.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.caas.k8s.Manifests;
import io.caas.k8s.Monitoring;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The Deployments the local pods play, as the repository's k8s/ declares them, and their namespace. */
final class DevDeployments {

    private DevDeployments() {
    }

    /**
     * The services' Deployments by name, whose pod templates the scrape targets carry: the dev overlay rendered by
     * kubectl when it is installed, otherwise the base Deployments as written (same annotations, ports and name label;
     * without the labels and namespace kustomize adds).
     */
    static Map<String, Deployment> read(List<String> services) throws IOException {
        List<HasMetadata> objects;
        if (Manifests.kubectlAvailable()) {
            try {
                objects = Manifests.parse(Manifests.render("overlays/dev"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        } else {
            objects = new ArrayList<>();
            for (String service : services) {
                objects.addAll(Manifests.parse(Files.readString(Manifests.K8S.resolve("base").resolve(service).resolve("deployment.yaml"))));
            }
        }
        Map<String, Deployment> deployments = new LinkedHashMap<>();
        Manifests.ofKind(objects, Deployment.class).forEach(d -> deployments.put(d.getMetadata().getName(), d));
        return deployments;
    }

    /**
     * The Kubernetes namespace the targets carry: the rendered Deployments', else the dev overlay's kustomization's
     * (the scrape job keeps only the platform's namespace).
     */
    static String namespace(Map<String, Deployment> deployments) throws IOException {
        String rendered = deployments.values().iterator().next().getMetadata().getNamespace();
        return rendered != null ? rendered
                : Monitoring.YAML.readTree(Manifests.K8S.resolve("overlays/dev/kustomization.yaml").toFile()).path("namespace").asText();
    }
}
