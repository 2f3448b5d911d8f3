package io.caas.k8s;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Who may connect to a pod's port under rendered NetworkPolicies, decided offline as the NetworkPolicy API defines
 * it: a pod selected by no Ingress policy admits everyone; otherwise a connection needs one rule whose ports and
 * peers both match. Peers by IP block are never matched (pod IPs are not known offline).
 */
public final class NetworkPolicies {

    /** A pod that may try to connect: its namespace (name and labels) and its own labels. */
    public record Client(String name, String namespace, Map<String, String> namespaceLabels, Map<String, String> labels) {
        public Client {
            Map<String, String> withName = new HashMap<>(namespaceLabels);
            // The API server sets this label on every namespace.
            withName.put("kubernetes.io/metadata.name", namespace);
            namespaceLabels = Map.copyOf(withName);
            labels = Map.copyOf(labels);
        }
    }

    private NetworkPolicies() {
    }

    /** The names of the clients that may reach the target's named container port. */
    public static Set<String> admitted(List<NetworkPolicy> policies, Deployment target, String port, List<Client> clients) {
        Set<String> names = new TreeSet<>();
        clients.stream().filter(client -> admits(policies, target, port, client)).forEach(client -> names.add(client.name()));
        return names;
    }

    public static boolean admits(List<NetworkPolicy> policies, Deployment target, String port, Client client) {
        String namespace = target.getMetadata().getNamespace();
        Map<String, String> podLabels = target.getSpec().getTemplate().getMetadata().getLabels();
        List<NetworkPolicy> isolating = policies.stream()
                .filter(p -> namespace.equals(p.getMetadata().getNamespace()) && p.getSpec().getPolicyTypes().contains("Ingress")
                        && selects(p.getSpec().getPodSelector(), podLabels))
                .toList();
        if (isolating.isEmpty()) {
            return true;
        }
        return isolating.stream().flatMap(p -> p.getSpec().getIngress().stream()).anyMatch(rule ->
                (empty(rule.getPorts()) || rule.getPorts().stream().anyMatch(p -> matchesPort(p, target, port)))
                        && (empty(rule.getFrom()) || rule.getFrom().stream().anyMatch(peer -> matchesPeer(peer, namespace, client))));
    }

    /** A peer that lets in pods of every namespace: a namespace selector without any condition. */
    public static boolean anyNamespace(NetworkPolicyPeer peer) {
        LabelSelector namespaces = peer.getNamespaceSelector();
        return namespaces != null && (namespaces.getMatchLabels() == null || namespaces.getMatchLabels().isEmpty())
                && empty(namespaces.getMatchExpressions());
    }

    private static boolean matchesPeer(NetworkPolicyPeer peer, String policyNamespace, Client client) {
        if (peer.getIpBlock() != null) {
            return false;
        }
        boolean namespace = peer.getNamespaceSelector() == null ? client.namespace().equals(policyNamespace)
                : selects(peer.getNamespaceSelector(), client.namespaceLabels());
        return namespace && (peer.getPodSelector() == null || selects(peer.getPodSelector(), client.labels()));
    }

    private static boolean matchesPort(NetworkPolicyPort rulePort, Deployment target, String portName) {
        if (rulePort.getProtocol() != null && !rulePort.getProtocol().equals("TCP")) {
            return false;
        }
        if (rulePort.getPort() == null) {
            return true;
        }
        if (rulePort.getPort().getStrVal() != null) {
            return rulePort.getPort().getStrVal().equals(portName);
        }
        int number = rulePort.getPort().getIntVal();
        int end = rulePort.getEndPort() == null ? number : rulePort.getEndPort();
        return target.getSpec().getTemplate().getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                .filter(p -> portName.equals(p.getName())).map(ContainerPort::getContainerPort)
                .anyMatch(p -> p >= number && p <= end);
    }

    /** Label selector semantics: every matchLabels entry and every expression must hold; an empty selector selects all. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        Map<String, String> present = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null
                && !selector.getMatchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(present.get(e.getKey())))) {
            return false;
        }
        return selector.getMatchExpressions() == null || selector.getMatchExpressions().stream().allMatch(e -> holds(e, present));
    }

    private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        return switch (requirement.getOperator()) {
            case "In" -> value != null && requirement.getValues().contains(value);
            case "NotIn" -> value == null || !requirement.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new IllegalArgumentException("operator " + requirement.getOperator());
        };
    }

    private static boolean empty(List<?> list) {
        return list == null || list.isEmpty();
    }
}
