package io.caas.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's packaged binaries) on a free loopback port, with its data under
 * {@code dataDir}. Connect as user {@code postgres}, password {@code postgres}, database {@code postgres}.
 * A new server starts empty; {@link #stop()} then {@link #start()} is a restart that keeps port and data
 * (a database outage, as tests need it).
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    public static final String DATABASE = "postgres";

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;
    private boolean initialized;

    /** A server that starts empty, wiping what an earlier one left in {@code dataDir}. */
    public PostgresServer(Path dataDir) {
        this(dataDir, false);
    }

    /** A server that carries on with the databases an earlier one left in {@code dataDir}, if any. */
    public static PostgresServer resuming(Path dataDir) {
        return new PostgresServer(dataDir, Files.exists(dataDir.resolve("data").resolve("PG_VERSION")));
    }

    private PostgresServer(Path dataDir, boolean initialized) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = FreePorts.next();
        this.initialized = initialized;
    }

    public synchronized PostgresServer start() {
        if (postgres != null) {
            return this;
        }
        try {
            Files.createDirectories(dataDir);
            if (!initialized) {
                FileTree.delete(dataDir.resolve("data"));
                initialized = true;
            }
            // Without cleanDataDirectory zonky runs initdb only into an empty directory and keeps data on close.
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.resolve("data"))
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        } finally {
            postgres = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** Creates a database unless it exists (e.g. one per service, each with its own schema history). */
    public void createDatabase(String name) throws SQLException {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
                Statement sql = connection.createStatement()) {
            try (var existing = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (!existing.next()) {
                    sql.execute("CREATE DATABASE " + name);
                }
            }
        }
    }
}
