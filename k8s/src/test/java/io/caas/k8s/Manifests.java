package io.caas.k8s;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Renders k8s/ with kubectl kustomize and reads the result into fabric8's typed Kubernetes models. */
public final class Manifests {

    /** Names the repository root; set by the build for tests, by bin/run-local and by the benchmark profile. */
    public static final String REPO_PROPERTY = "caas.repo.root";
    public static final Path REPO = repositoryRoot();
    public static final Path K8S = REPO.resolve("k8s");

    private Manifests() {
    }

    private static Path repositoryRoot() {
        String root = System.getProperty(REPO_PROPERTY);
        if (root == null || !Files.isDirectory(Path.of(root, "k8s", "base"))) {
            throw new IllegalStateException("-D" + REPO_PROPERTY + " must name the repository's root directory (the one "
                    + "holding k8s/base); it is " + root);
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    public static boolean kubectlAvailable() {
        return Tools.onPath("kubectl");
    }

    /** {@code kubectl kustomize <dir>}, relative to k8s/. */
    public static String render(String dir) throws IOException, InterruptedException {
        return Tools.succeed(K8S, "kubectl", "kustomize", K8S.resolve(dir).toString());
    }

    /** Every object of a multi-document YAML stream, as typed models; empty documents are skipped. */
    public static List<HasMetadata> parse(String yaml) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = Monitoring.YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    objects.add(Serialization.unmarshal(document.toString(), HasMetadata.class));
                }
            }
        }
        return objects;
    }

    /** The pod template of every workload (Deployment, StatefulSet, Job), by "Kind name". */
    public static Map<String, PodTemplateSpec> podTemplates(List<HasMetadata> objects) {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        for (HasMetadata object : objects) {
            PodTemplateSpec template = object instanceof Deployment d ? d.getSpec().getTemplate()
                    : object instanceof StatefulSet s ? s.getSpec().getTemplate()
                    : object instanceof Job j ? j.getSpec().getTemplate() : null;
            if (template != null) {
                templates.put(object.getKind() + " " + object.getMetadata().getName(), template);
            }
        }
        return templates;
    }

    public static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /**
     * Paths of fields the typed models did not know (fabric8 keeps them in additionalProperties): a typo such as
     * {@code contaners:} is silently ignored by kubectl apply but shows up here.
     */
    public static List<String> unknownFields(Object root) {
        List<String> unknown = new ArrayList<>();
        walk(root, root.getClass().getSimpleName(), unknown, new IdentityHashMap<>());
        return unknown;
    }

    private static void walk(Object node, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, unknown, seen));
            return;
        }
        if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    ((Map<?, ?>) value).keySet().forEach(key -> unknown.add(path + "." + key));
                } else {
                    walk(value, path + "." + getter.getName().substring(3), unknown, seen);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A service's application.properties, as the service reads it. */
    public static Properties serviceProperties(String service) throws IOException {
        return properties(REPO.resolve(service).resolve("src/main/resources/application.properties"));
    }

    /** The defaults common-metrics gives every service (management port, ...). */
    public static Properties commonMetricsDefaults() throws IOException {
        return sharedDefaults("common-metrics");
    }

    /** The defaults a shared module ({@code common-web}, ...) gives every service that uses it. */
    public static Properties sharedDefaults(String module) throws IOException {
        return properties(REPO.resolve(module).resolve("src/main/resources/META-INF/microprofile-config.properties"));
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
