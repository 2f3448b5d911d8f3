package io.caas.gateway.probe;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.caas.caller.CallerConfig;
import io.caas.metrics.probe.DependencyProbe;

/** The gateway's dependencies, probed for caas_dependency_up: Kafka, auth (its JWKS) and billing. */
public class GatewayProbes {

    @Produces
    @Singleton
    Admin kafkaAdmin(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "gateway-probe");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        return Admin.create(props);
    }

    void closeKafkaAdmin(@Disposes Admin admin) {
        admin.close(Duration.ofSeconds(2));
    }

    @Produces
    @Singleton
    @Named("kafka")
    DependencyProbe kafka(Admin admin) {
        return new DependencyProbe() {
            @Override
            public String dependency() {
                return "kafka";
            }

            @Override
            public void check(Duration timeout) throws Exception {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                        .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        };
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
