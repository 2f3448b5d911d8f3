package io.caas.localinfra;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: a real Kafka broker; injects {@code kafka.bootstrap.servers}. The broker belongs to
 * the test application and stops with it.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", SharedInfra.kafka().bootstrapServers());
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
