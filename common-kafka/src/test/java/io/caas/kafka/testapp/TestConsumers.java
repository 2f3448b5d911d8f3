package io.caas.kafka.testapp;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.caas.kafka.consumer.ConsumerLoops;
import io.caas.kafka.consumer.Subscription;
import io.quarkus.runtime.StartupEvent;

/** Two loops as services run them: one in a consumer group (as billing), one reading every partition (as socket). */
@Singleton // no client proxy: tests reach the handlers through the fields
public class TestConsumers {

    public static final String GROUP_TOPIC = "loop-group-topic";
    public static final String EVERY_TOPIC = "loop-every-topic";

    public final ScriptedHandler grouped = new ScriptedHandler();
    public final ScriptedHandler everyPartition = new ScriptedHandler();

    void start(@Observes StartupEvent event, ConsumerLoops loops) {
        loops.start("test-group", GROUP_TOPIC, new Subscription.Group("loop-test-group", Optional.empty()), grouped);
        loops.start("test-every", EVERY_TOPIC, new Subscription.EveryPartition(), everyPartition);
    }
}
