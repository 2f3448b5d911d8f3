package io.caas.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.caas.k8s.Manifests;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The memory a service's JVM gets locally is what its container gets: the {@code -XX:} flags of its image's
 * {@code JAVA_OPTS_APPEND} (src/main/docker/Dockerfile.jvm), with {@code -XX:MaxRAM} standing for the Deployment's
 * memory limit so the percentages resolve as they do in the pod. One source: a flag changed in the image changes
 * the local run.
 */
final class JvmMemory {

    private static final Pattern JAVA_OPTS_APPEND = Pattern.compile("^ENV JAVA_OPTS_APPEND=\"([^\"]*)\"", Pattern.MULTILINE);

    private JvmMemory() {
    }

    static List<String> options(String service, Deployment deployment) throws IOException {
        Path dockerfile = Manifests.REPO.resolve(service).resolve("src/main/docker/Dockerfile.jvm");
        Matcher appended = JAVA_OPTS_APPEND.matcher(Files.readString(dockerfile));
        if (!appended.find()) {
            throw new IllegalStateException(dockerfile + " sets no JAVA_OPTS_APPEND");
        }
        Quantity limit = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits().get("memory");
        if (limit == null) {
            throw new IllegalStateException(deployment.getMetadata().getName() + " has no memory limit");
        }
        List<String> options = new ArrayList<>();
        options.add("-XX:MaxRAM=" + Quantity.getAmountInBytes(limit).toBigInteger());
        for (String option : appended.group(1).trim().split("\\s+")) {
            if (option.startsWith("-XX:")) {
                options.add(option);
            }
        }
        return options;
    }
}
