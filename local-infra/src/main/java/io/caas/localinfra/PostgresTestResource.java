package io.caas.localinfra;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: a real PostgreSQL server; injects the default datasource's JDBC URL and
 * credentials. It belongs to the test
 * application and stops with it.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        PostgresServer postgres = SharedInfra.postgres();
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(SharedInfra.postgres(),
                new TestInjector.AnnotatedAndMatchesType(InjectInfra.class, PostgresServer.class));
    }

    @Override
    public void stop() {
        SharedInfra.stopPostgres();
    }
}
