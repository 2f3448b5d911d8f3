package io.caas.localrun;

import java.util.LinkedHashMap;
import java.util.Map;

import io.caas.localinfra.KafkaBroker;
import io.caas.localinfra.PlatformKafka;
import io.caas.localinfra.PostgresServer;

/**
 * What a local pod starts with: the Quarkus properties that place it on this machine (its ports, its database, the
 * run's overrides) and the environment a Kubernetes pod gets from its Deployment and Secrets (its Kafka principal,
 * tokens, pepper, signing key, peers' URLs, POD_NAME).
 */
final class PodConfiguration {

    private final LocalPlatform.Options options;
    private final PlatformState state;
    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final String namespace;
    private final String authUrl;
    private final String billingUrl;

    PodConfiguration(LocalPlatform.Options options, PlatformState state, KafkaBroker kafka, PostgresServer postgres,
            String namespace, String authUrl, String billingUrl) {
        this.options = options;
        this.state = state;
        this.kafka = kafka;
        this.postgres = postgres;
        this.namespace = namespace;
        this.authUrl = authUrl;
        this.billingUrl = billingUrl;
    }

    Map<String, String> properties(LocalPlatform.Service pod) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("quarkus.http.port", Integer.toString(pod.apiPort()));
        properties.put("quarkus.management.host", pod.managementHost());
        if (LocalPlatform.DATABASES.contains(pod.name())) {
            properties.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(pod.name()));
        }
        properties.putAll(options.properties());
        properties.putAll(options.podProperties().getOrDefault(pod.podName(), Map.of()));
        return properties;
    }

    Map<String, String> environment(LocalPlatform.Service pod) {
        Map<String, String> env = new LinkedHashMap<>();
        if (PlatformKafka.SERVICES.contains(pod.name())) {
            env.putAll(kafka.environment(pod.name())); // each service as its own principal
        }
        env.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", PostgresServer.PASSWORD);
        env.put("CAAS_AUTH_ADMIN_TOKEN", state.adminToken());
        env.put("CAAS_BILLING_OPERATOR_TOKEN", state.operatorToken());
        env.put("CAAS_AUTH_API_KEY_PEPPER", state.pepper());
        if (pod.name().equals("auth")) { // as k8s mounts the caas-auth-signing Secret
            env.put("QUARKUS_CONFIG_LOCATIONS", state.authSigningConfig().toString());
        }
        env.put("CAAS_CALLER_AUTH_URL", authUrl);
        env.put("QUARKUS_REST_CLIENT_BILLING_URL", billingUrl);
        env.put("POD_NAME", pod.podName());
        env.put("POD_NAMESPACE", namespace);
        return env;
    }
}
