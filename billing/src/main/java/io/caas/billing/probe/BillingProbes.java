package io.caas.billing.probe;

import javax.sql.DataSource;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.caas.metrics.probe.DataSourceProbe;
import io.caas.metrics.probe.KafkaClusterProbe;

/** Billing's dependencies, probed for caas_dependency_up: PostgreSQL and Kafka. */
public class BillingProbes {

    @Produces
    @Singleton
    DataSourceProbe postgresql(DataSource dataSource) {
        return new DataSourceProbe("postgresql", dataSource);
    }

    @Produces
    @Singleton
    KafkaClusterProbe kafka(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        return new KafkaClusterProbe(bootstrapServers, "billing-probe");
    }

    void closeKafka(@Disposes KafkaClusterProbe probe) {
        probe.close();
    }
}
