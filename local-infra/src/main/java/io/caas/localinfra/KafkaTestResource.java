package io.caas.localinfra;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: a real Kafka broker, authenticated and authorized as everywhere ({@link PlatformKafka}).
 * The application under test connects as its own principal (its {@code quarkus.application.name}: gateway, socket,
 * billing) or, for any other application, as the admin; the {@code kafka.*} settings it gets are the ones
 * Kubernetes gives the service. The broker belongs to the test application and stops with it.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String principal = ConfigProvider.getConfig().getOptionalValue("quarkus.application.name", String.class)
                .filter(PlatformKafka.SERVICES::contains).orElse(PlatformKafka.ADMIN);
        Map<String, String> config = new HashMap<>();
        SharedInfra.kafka().clientProperties(principal).forEach((key, value) -> config.put("kafka." + key, value));
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(SharedInfra.kafka(),
                new TestInjector.AnnotatedAndMatchesType(InjectInfra.class, KafkaBroker.class));
    }

    @Override
    public void stop() {
        SharedInfra.stopKafka();
    }
}
