package io.caas.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    private static PostgresServer postgres;

    @BeforeAll
    static void start() {
        postgres = new PostgresServer(Path.of("target", "postgres-server-test")).start();
    }

    @AfterAll
    static void stop() {
        postgres.stop();
    }

    @Test
    void committedTransactionIsKeptAndRolledBackOneIsNot() throws SQLException {
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE usage (tenant text PRIMARY KEY, messages bigint NOT NULL)");
            connection.setAutoCommit(false);
            sql.executeUpdate("INSERT INTO usage VALUES ('kept', 1)");
            connection.commit();
            sql.executeUpdate("INSERT INTO usage VALUES ('rolled-back', 1)");
            connection.rollback();
        }
        try (Connection other = connect(); Statement sql = other.createStatement();
                ResultSet rows = sql.executeQuery("SELECT tenant FROM usage ORDER BY tenant")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept");
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void restartKeepsPortAndData() throws SQLException {
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE survivor (id int)");
            sql.execute("INSERT INTO survivor VALUES (42)");
        }
        String url = postgres.jdbcUrl();
        postgres.stop();
        postgres.start();
        assertThat(postgres.jdbcUrl()).isEqualTo(url);
        try (Connection connection = connect(); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT id FROM survivor")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void isARealPostgresql17() throws SQLException {
        try (Connection connection = connect(); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SHOW server_version_num")) {
            rows.next();
            assertThat(rows.getInt(1)).isGreaterThanOrEqualTo(170000);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    @Test
    void aServerWhosePostmasterWasKilledIsSeenDownAndStartsAgainWithItsData() throws Exception {
        PostgresServer killed = new PostgresServer(Path.of("target", "postgres-kill-test")).start();
        try {
            try (Connection connection = DriverManager.getConnection(killed.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
                    Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE survivor (id int)");
                sql.execute("INSERT INTO survivor VALUES (7)");
            }
            assertThat(killed.isRunning()).isTrue();
            long postmaster = Long.parseLong(Files.readAllLines(Path.of("target", "postgres-kill-test", "data", "postmaster.pid")).get(0).trim());

            ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(10)).until(() -> !killed.isRunning());
            killed.restart();

            assertThat(killed.isRunning()).isTrue();
            try (Connection connection = DriverManager.getConnection(killed.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
                    Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery("SELECT id FROM survivor")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(7);
            }
        } finally {
            killed.stop();
        }
    }
}
