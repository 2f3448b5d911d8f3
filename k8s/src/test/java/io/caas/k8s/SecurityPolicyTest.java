package io.caas.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.caas.k8s.NetworkPolicies.Client;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * Hardening of everything rendered: non-root, read-only root file system, no privileges, pinned images, limits;
 * and each port reachable only by who needs it (NetworkPolicies, decided offline for a set of would-be clients).
 */
class SecurityPolicyTest {

    /** The labels k8s/README.md asks operators to set. */
    private static final Map<String, String> INGRESS_NAMESPACE = Map.of("caas.io/role", "ingress");
    private static final Map<String, String> OPERATOR = Map.of("caas.io/role", "operator");

    private static final Map<String, List<HasMetadata>> RENDERED = new HashMap<>();

    @BeforeAll
    static void needsKubectl() {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl is not installed; .ci/run installs it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void podsAreHardened(String overlay) throws Exception {
        Map<String, PodTemplateSpec> templates = Manifests.podTemplates(rendered(overlay));
        assertThat(templates).isNotEmpty();
        templates.forEach((name, template) -> Hardening.assertHardened(name, template, false));
    }

    /** No rule lets in "anyone": each names its peers and its ports, and no peer is every namespace. */
    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyIngressRuleNamesWhoMayConnectAndToWhichPort(String overlay) throws Exception {
        List<NetworkPolicy> policies = Manifests.ofKind(rendered(overlay), NetworkPolicy.class);
        assertThat(policies).isNotEmpty();
        for (NetworkPolicy policy : policies) {
            String name = overlay + " NetworkPolicy " + policy.getMetadata().getName();
            assertThat(policy.getSpec().getPolicyTypes()).as(name).contains("Ingress");
            assertThat(policy.getSpec().getIngress()).as(name).isNotEmpty().allSatisfy(rule -> {
                assertThat(rule.getFrom()).as(name + ": from").isNotEmpty()
                        .noneMatch(peer -> NetworkPolicies.anyNamespace(peer));
                assertThat(rule.getPorts()).as(name + ": ports").isNotEmpty();
            });
        }
        for (Deployment deployment : Manifests.ofKind(rendered(overlay), Deployment.class)) {
            Client nobody = new Client("nobody", "elsewhere", Map.of(), Map.of());
            assertThat(NetworkPolicies.admits(policies, deployment, "http", nobody))
                    .as(deployment.getMetadata().getName() + " is isolated by a policy").isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void authsApiAdmitsThePlatformsServicesTheIngressControllerAndOperators(String overlay) throws Exception {
        assertThat(admitted(overlay, "caas-auth", "http")).containsExactlyInAnyOrder(
                "caas-gateway", "caas-socket", "caas-billing", "ingress-controller", "operator-tool", "operator-tool-in-platform");
    }

    /** Tenants read usage through the gateway; billing's API itself is for the gateway and operators only. */
    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void billingsApiAdmitsTheGatewayAndOperatorsButNotSocket(String overlay) throws Exception {
        Set<String> admitted = admitted(overlay, "caas-billing", "http");
        assertThat(admitted).contains("caas-gateway").doesNotContain("caas-socket", "ingress-controller");
        assertThat(admitted).containsExactlyInAnyOrder("caas-gateway", "operator-tool", "operator-tool-in-platform");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void gatewayAndSocketApisAdmitOnlyTheIngressController(String overlay) throws Exception {
        assertThat(admitted(overlay, "caas-gateway", "http")).containsExactly("ingress-controller");
        assertThat(admitted(overlay, "caas-socket", "http")).containsExactly("ingress-controller");
    }

    /** Metrics to Prometheus only: the stack's and the Prometheus Operator's, in the monitoring namespace. */
    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void theManagementPortAdmitsOnlyPrometheus(String overlay) throws Exception {
        for (Deployment deployment : Manifests.ofKind(rendered(overlay), Deployment.class)) {
            assertThat(admitted(overlay, deployment.getMetadata().getName(), "management")).as(deployment.getMetadata().getName())
                    .containsExactlyInAnyOrder("monitoring/prometheus", "operator-prometheus");
        }
    }

    private static Set<String> admitted(String overlay, String deployment, String port) throws Exception {
        List<HasMetadata> objects = rendered(overlay);
        Deployment target = Manifests.ofKind(objects, Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(deployment))
                .findFirst().orElseThrow();
        return NetworkPolicies.admitted(Manifests.ofKind(objects, NetworkPolicy.class), target, port, clients(objects, target.getMetadata().getNamespace()));
    }

    /**
     * Who might connect: every pod of the overlay and of the monitoring stack as rendered, an ingress controller,
     * operators' tools, a Prometheus Operator's Prometheus, and look-alikes in the wrong place.
     */
    private static List<Client> clients(List<HasMetadata> platform, String namespace) throws Exception {
        List<Client> clients = new ArrayList<>();
        Manifests.podTemplates(platform).forEach((workload, template) ->
                clients.add(new Client(workload.substring(workload.indexOf(' ') + 1), namespace, Map.of(), template.getMetadata().getLabels())));
        List<HasMetadata> stack = rendered("monitoring/stack");
        String monitoring = Manifests.ofKind(stack, StatefulSet.class).get(0).getMetadata().getNamespace();
        Manifests.podTemplates(stack).forEach((workload, template) -> clients.add(new Client(
                "monitoring/" + workload.substring(workload.indexOf(' ') + 1), monitoring, Map.of(), template.getMetadata().getLabels())));
        clients.add(new Client("operator-prometheus", monitoring, Map.of(), Map.of("app.kubernetes.io/name", "prometheus",
                "app.kubernetes.io/managed-by", "prometheus-operator", "prometheus", "k8s")));
        clients.add(new Client("prometheus-elsewhere", "team-x", Map.of(), Map.of("app.kubernetes.io/name", "prometheus")));
        clients.add(new Client("ingress-controller", "ingress-nginx", INGRESS_NAMESPACE, Map.of("app.kubernetes.io/name", "ingress-nginx")));
        clients.add(new Client("operator-tool", "caas-ops", OPERATOR, OPERATOR));
        clients.add(new Client("operator-tool-in-platform", namespace, Map.of(), OPERATOR));
        clients.add(new Client("unlabelled-pod-of-operator-namespace", "caas-ops", OPERATOR, Map.of("app.kubernetes.io/name", "other")));
        clients.add(new Client("operator-label-elsewhere", "team-x", Map.of(), OPERATOR));
        clients.add(new Client("other-app-in-platform", namespace, Map.of(), Map.of("app.kubernetes.io/name", "other")));
        return clients;
    }

    private static List<HasMetadata> rendered(String dir) throws Exception {
        List<HasMetadata> objects = RENDERED.get(dir);
        if (objects == null) {
            objects = Manifests.parse(Manifests.render(dir));
            RENDERED.put(dir, objects);
        }
        return objects;
    }
}
