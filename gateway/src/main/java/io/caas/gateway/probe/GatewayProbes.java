package io.caas.gateway.probe;

import java.net.URI;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.caas.caller.CallerConfig;
import io.caas.metrics.probe.DependencyProbe;
import io.caas.metrics.probe.HttpDependencyProbe;
import io.caas.metrics.probe.KafkaClusterProbe;

/** The gateway's dependencies, probed for caas_dependency_up: Kafka, auth (its JWKS) and billing. */
public class GatewayProbes {

    @Produces
    @Singleton
    KafkaClusterProbe kafka(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        return new KafkaClusterProbe(bootstrapServers, "gateway-probe");
    }

    void closeKafka(@Disposes KafkaClusterProbe probe) {
        probe.close();
    }

    @Produces
    @Singleton
    @Named("auth")
    DependencyProbe auth(CallerConfig caller) {
        return new HttpDependencyProbe("auth", URI.create(caller.authUrl() + "/.well-known/jwks.json"));
    }

    @Produces
    @Singleton
    @Named("billing")
    DependencyProbe billing(@ConfigProperty(name = "quarkus.rest-client.billing.url") String billingUrl) {
        return new HttpDependencyProbe("billing", URI.create(billingUrl + "/v1/tenants"));
    }
}
