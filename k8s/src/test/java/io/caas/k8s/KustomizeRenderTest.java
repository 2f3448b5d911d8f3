package io.caas.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
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

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyObjectCarriesTheRecommendedLabels(String dir) throws Exception {
        for (HasMetadata object : Manifests.parse(Manifests.render(dir))) {
            assertThat(object.getMetadata().getLabels()).as(object.getKind() + " " + object.getMetadata().getName())
                    .containsKeys("app.kubernetes.io/part-of", "app.kubernetes.io/version");
            assertThat(object.getMetadata().getNamespace()).isEqualTo("caas");
        }
    }
}
