package io.caas.auth.metrics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.caas.metrics.probe.DependencyProbe;

/** Probes the tenant database for {@code caas_dependency_up{dependency="postgresql"}}. */
@ApplicationScoped
public class PostgresProbe implements DependencyProbe {

    private final DataSource dataSource;

    public PostgresProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String dependency() {
        return "postgresql";
    }

    @Override
    public void check(Duration timeout) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid((int) Math.max(1, timeout.toSeconds()))) {
                throw new SQLException("connection is not valid");
            }
        }
    }
}
