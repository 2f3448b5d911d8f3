package io.caas.billing.probe;

import javax.sql.DataSource;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.caas.metrics.probe.DataSourceProbe;

/** Billing's dependencies, probed for caas_dependency_up: PostgreSQL (Kafka's probe comes with common-kafka). */
public class BillingProbes {

    @Produces
    @Singleton
    DataSourceProbe postgresql(DataSource dataSource) {
        return new DataSourceProbe("postgresql", dataSource);
    }
}
