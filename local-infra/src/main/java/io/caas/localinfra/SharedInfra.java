package io.caas.localinfra;

import java.nio.file.Path;

/**
 * One Kafka broker and one PostgreSQL server per JVM, started on first use and stopped when the JVM exits,
 * so every Quarkus test application in a test run shares them instead of paying the start-up again.
 */
public final class SharedInfra {

    private static final Path BASE = Path.of("target", "local-infra", Long.toString(ProcessHandle.current().pid()));
    private static KafkaBroker kafka;
    private static PostgresServer postgres;

    private SharedInfra() {
    }

    /** The shared broker, (re)started if it is not running. */
    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = new KafkaBroker(BASE.resolve("kafka"));
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "stop-kafka"));
        }
        return kafka.start();
    }

    /** The shared PostgreSQL server, started if needed. */
    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = new PostgresServer(BASE.resolve("postgres"));
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop, "stop-postgres"));
        }
        return postgres.start();
    }
}
