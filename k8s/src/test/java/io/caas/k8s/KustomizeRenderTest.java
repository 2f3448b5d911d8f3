package io.caas.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Every overlay renders offline and every object is a known Kubernetes type with only known fields. */
class KustomizeRenderTest {

    @BeforeAll
    static void needsKubectl() {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl is not installed; .ci/run installs it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void rendersIntoTypedObjectsWithNoUnknownFields(String dir) throws Exception {
        List<HasMetadata> objects = Manifests.parse(Manifests.render(dir));
        assertThat(objects).isNotEmpty();
        assertThat(objects).allSatisfy(object -> assertThat(Manifests.unknownFields(object))
                .as("%s %s", object.getKind(), object.getMetadata().getName()).isEmpty());
        assertThat(Manifests.ofKind(objects, Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("caas-auth", "caas-gateway", "caas-socket", "caas-billing");
    }

    /** Components cannot be rendered alone; each must be part of an overlay, which the test above renders. */
    @Test
    void everyComponentIsRenderedByAnOverlay() throws Exception {
        String overlays = Files.readString(Manifests.K8S.resolve("overlays/dev/kustomization.yaml"))
                + Files.readString(Manifests.K8S.resolve("overlays/prod/kustomization.yaml"));
        try (Stream<Path> components = Files.list(Manifests.K8S.resolve("components"))) {
            assertThat(components.map(c -> "../../components/" + c.getFileName())).isNotEmpty()
                    .allSatisfy(component -> assertThat(overlays).contains(component));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyObjectAndPodCarriesTheRecommendedLabels(String dir) throws Exception {
        List<String> recommended = Stream.of("name", "part-of", "component", "version").map(l -> "app.kubernetes.io/" + l).toList();
        List<HasMetadata> objects = Manifests.parse(Manifests.render(dir));
        for (HasMetadata object : objects) {
            assertThat(object.getMetadata().getLabels()).as(object.getKind() + " " + object.getMetadata().getName())
                    .containsKeys(recommended.toArray(String[]::new));
            assertThat(object.getMetadata().getNamespace()).isEqualTo("caas");
        }
        Manifests.podTemplates(objects).forEach((workload, template) -> assertThat(template.getMetadata().getLabels())
                .as(workload).containsKeys(recommended.toArray(String[]::new)));
    }
}
