package io.caas.kafka.probe;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.DescribeClusterOptions;

import io.caas.kafka.KafkaClients;
import io.caas.metrics.probe.DependencyProbe;

/**
 * {@code caas_dependency_up{dependency="kafka"}} in every service that uses Kafka: up when the cluster describes
 * itself within the timeout, through the same settings (and so the same credentials) as the service's clients.
 */
@ApplicationScoped
public class KafkaClusterProbe implements DependencyProbe {

    private final KafkaClients clients;

    public KafkaClusterProbe(KafkaClients clients) {
        this.clients = clients;
    }

    @Override
    public String dependency() {
        return "kafka";
    }

    @Override
    public void check(Duration timeout) throws Exception {
        clients.sharedAdmin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
