package io.caas.metrics.probe;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

/** A database is up when a pooled connection validates within the timeout. */
public final class DataSourceProbe implements DependencyProbe {

    private final String dependency;
    private final DataSource dataSource;

    public DataSourceProbe(String dependency, DataSource dataSource) {
        this.dependency = dependency;
        this.dataSource = dataSource;
    }

    @Override
    public String dependency() {
        return dependency;
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
