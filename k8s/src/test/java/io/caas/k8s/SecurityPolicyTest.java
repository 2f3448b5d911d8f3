package io.caas.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/** Hardening of everything rendered: non-root, read-only root file system, no privileges, pinned images, limits. */
class SecurityPolicyTest {

    @BeforeAll
    static void needsKubectl() {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl is not installed; .ci/run installs it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void podsAreHardened(String overlay) throws Exception {
        Map<String, PodTemplateSpec> templates = Manifests.podTemplates(Manifests.parse(Manifests.render(overlay)));
        assertThat(templates).isNotEmpty();
        templates.forEach((name, template) -> {
            PodSpec pod = template.getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getAutomountServiceAccountToken()).as(name + ": no API token unless needed").isFalse();
            for (Container container : pod.getContainers()) {
                var security = container.getSecurityContext();
                assertThat(security.getReadOnlyRootFilesystem()).as(name).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
                assertThat(security.getPrivileged()).as(name).isNotEqualTo(Boolean.TRUE);
                assertThat(security.getCapabilities().getDrop()).as(name).contains("ALL");
                assertThat(container.getImage()).as(name).contains(":").doesNotEndWith(":latest");
                assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(name).containsKeys("cpu", "memory");
            }
        });
    }
}
