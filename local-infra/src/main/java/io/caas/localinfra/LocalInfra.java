package io.caas.localinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts Kafka and PostgreSQL for a local run, creates one database per named service, prints how to reach
 * them, writes them as shell variables to {@code <dir>/infra.env}, and stops both on Ctrl-C (SIGINT/SIGTERM).
 *
 * <p>Usage: {@code LocalInfra [dataDir [database...]]} (default {@code .local-run}, no extra databases).
 */
public final class LocalInfra {

    private LocalInfra() {
    }

    public static void main(String[] args) throws IOException, InterruptedException, java.sql.SQLException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".local-run").toAbsolutePath();
        KafkaBroker kafka = new KafkaBroker(dir.resolve("kafka"));
        PostgresServer postgres = new PostgresServer(dir.resolve("postgres"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.stop();
            postgres.stop();
            stopped.countDown();
        }, "stop-local-infra"));

        postgres.start();
        for (int i = 1; i < args.length; i++) {
            postgres.createDatabase(args[i]);
        }
        kafka.start();
        String env = String.join("\n",
                "KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers(),
                "POSTGRES_JDBC_URL=" + postgres.jdbcUrl(),
                "POSTGRES_JDBC_URL_PREFIX=" + postgres.jdbcUrl(""),
                "POSTGRES_USER=" + PostgresServer.USER,
                "POSTGRES_PASSWORD=" + PostgresServer.PASSWORD,
                "");
        Files.writeString(dir.resolve("infra.env"), env);
        System.out.println("Kafka      bootstrap servers: " + kafka.bootstrapServers());
        System.out.println("PostgreSQL JDBC URL:          " + postgres.jdbcUrl()
                + " (user " + PostgresServer.USER + ", password " + PostgresServer.PASSWORD + ")");
        System.out.println("Written to " + dir.resolve("infra.env") + ". Ctrl-C stops both.");
        stopped.await();
    }
}
