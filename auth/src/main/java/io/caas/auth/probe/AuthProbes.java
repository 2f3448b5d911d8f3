package io.caas.auth.probe;

import javax.sql.DataSource;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.caas.metrics.probe.DataSourceProbe;

/** Auth's dependency, probed for {@code caas_dependency_up{dependency="postgresql"}}. */
public class AuthProbes {

    @Produces
    @Singleton
    DataSourceProbe postgresql(DataSource dataSource) {
        return new DataSourceProbe("postgresql", dataSource);
    }
}
