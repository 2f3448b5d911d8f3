package io.caas.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/** The pod hardening every workload in k8s/ must have. */
public final class Hardening {

    private Hardening() {
    }

    /**
     * Non-root, read-only root file system, no privilege escalation, all capabilities dropped, pinned image,
     * requests and limits; no service-account token unless {@code needsApiToken}.
     */
    public static void assertHardened(String workload, PodTemplateSpec template, boolean needsApiToken) {
        PodSpec pod = template.getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(workload).isTrue();
        assertThat(pod.getAutomountServiceAccountToken()).as(workload + ": API token only where needed").isEqualTo(needsApiToken);
        for (Container container : pod.getContainers()) {
            String name = workload + " " + container.getName();
            var security = container.getSecurityContext();
            assertThat(security.getReadOnlyRootFilesystem()).as(name).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
            assertThat(security.getPrivileged()).as(name).isNotEqualTo(Boolean.TRUE);
            assertThat(security.getCapabilities().getDrop()).as(name).contains("ALL");
            assertThat(container.getImage()).as(name).contains(":").doesNotEndWith(":latest");
            assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(name).containsKeys("cpu", "memory");
        }
    }
}
