package io.caas.localinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts Kafka and PostgreSQL for a local run, prints how to reach them, writes them as shell variables to
 * {@code <dir>/infra.env}, and stops both on Ctrl-C (SIGINT/SIGTERM).
 *
 * <p>Usage: {@code LocalInfra [dataDir]} (default {@code .local-run}).
 */
public final class LocalInfra {

    private LocalInfra() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
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
        kafka.start();
        String env = String.join("\n",
                "KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers(),
                "POSTGRES_JDBC_URL=" + postgres.jdbcUrl(),
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
