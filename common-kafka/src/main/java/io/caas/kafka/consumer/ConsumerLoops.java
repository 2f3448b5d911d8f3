package io.caas.kafka.consumer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.caas.kafka.KafkaClients;
import io.caas.kafka.KafkaConfig;
import io.caas.kafka.deadletter.DeadLetters;
import io.caas.metrics.meter.CatalogMeters;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The consumer loops of this service and their dead-letter topics: started by the services, read for lag on a
 * schedule, checked by {@link ConsumerLoopHealth}, and stopped gracefully at shutdown (each loop finishing and
 * committing its batch, then the dead-letter producers closing).
 */
@ApplicationScoped
public class ConsumerLoops {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClients clients;
    private final KafkaConfig config;
    private final CatalogMeters meters;
    private final List<ConsumerLoop> loops = new CopyOnWriteArrayList<>();
    private final List<DeadLetters> deadLetters = new CopyOnWriteArrayList<>();

    public ConsumerLoops(KafkaClients clients, KafkaConfig config, CatalogMeters meters) {
        this.clients = clients;
        this.config = config;
        this.meters = meters;
    }

    /**
     * Starts a loop that reads {@code topic} as {@code subscription} says and hands each batch to {@code handler};
     * {@code name} is its {@code consumer} label.
     */
    public ConsumerLoop start(String name, String topic, Subscription subscription, BatchHandler handler) {
        ConsumerLoop loop = new ConsumerLoop(name, topic, subscription, handler, clients, config.consumer(), meters);
        loops.add(loop);
        loop.start();
        return loop;
    }

    /** A dead-letter topic for {@code consumer}'s handler; closed at shutdown after the loops have stopped. */
    public DeadLetters deadLetters(String consumer, String topic) {
        DeadLetters letters = new DeadLetters(clients, meters, consumer, topic);
        deadLetters.add(letters);
        return letters;
    }

    List<ConsumerLoop> all() {
        return loops;
    }

    @Scheduled(identity = "caas-kafka-consumer-lag", every = "${caas.kafka.lag-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reportLag() {
        for (ConsumerLoop loop : loops) {
            loop.reportLag(clients.sharedAdmin(), config.requestTimeout());
        }
    }

    void stopAll(@Observes ShutdownEvent event) {
        for (ConsumerLoop loop : loops) {
            loop.stop(STOP_TIMEOUT);
        }
        deadLetters.forEach(DeadLetters::close);
    }
}
