package io.caas.gateway.probe;

import java.net.URI;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.caas.metrics.probe.DependencyProbe;
import io.caas.metrics.probe.HttpDependencyProbe;

/**
 * The gateway's own dependency probed for caas_dependency_up: billing. Kafka's probe comes with common-kafka, auth's
 * (its JWKS) with common-caller.
 */
public class GatewayProbes {

    @Produces
    @Singleton
    @Named("billing")
    DependencyProbe billing(@ConfigProperty(name = "quarkus.rest-client.billing.url") String billingUrl) {
        return new HttpDependencyProbe("billing", URI.create(billingUrl + "/v1/tenants"));
    }
}
