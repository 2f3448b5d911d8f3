package io.caas.localinfra;

import java.nio.file.Path;

/**
 * The Kafka broker and PostgreSQL server of one Quarkus test application: started by the first test resource
 * that asks, stopped when that application's test resources stop. Quarkus loads test resources in each test
 * application's own classloader (a {@code @TestProfile} makes a new application), so these fields are per
 * application, never shared by accident. A JVM shutdown hook stops whatever is left.
 */
public final class SharedInfra {

    private static KafkaBroker kafka;
    private static PostgresServer postgres;

    private SharedInfra() {
    }

    /** The application's broker, started if needed (and restarted if a test stopped it). */
    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = new KafkaBroker(uniqueDir("kafka"));
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "stop-kafka"));
        }
        return kafka.start();
    }

    /** The application's PostgreSQL server, started if needed. */
    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = new PostgresServer(uniqueDir("postgres"));
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop, "stop-postgres"));
        }
        return postgres.start();
    }

    static synchronized void stopKafka() {
        if (kafka != null) {
            kafka.stop();
            kafka = null;
        }
    }

    static synchronized void stopPostgres() {
        if (postgres != null) {
            postgres.stop();
            postgres = null;
        }
    }

    private static Path uniqueDir(String name) {
        return Path.of("target", "local-infra", name + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime()));
    }
}
