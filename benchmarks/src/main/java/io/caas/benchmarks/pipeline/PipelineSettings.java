package io.caas.benchmarks.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.caas.k8s.Manifests;

/**
 * What the pipeline benchmark does, from system properties ({@code -Dpipeline.args="-Dpipeline.step-seconds=10 ..."}
 * through Maven), each with its default:
 * <ul>
 * <li>{@code pipeline.tenants} (20): tenants, each with a token and one WebSocket;
 * <li>{@code pipeline.conversations} (5): conversations per tenant, all subscribed by its socket;
 * <li>{@code pipeline.senders} (64): concurrent senders of the closed loop;
 * <li>{@code pipeline.closed-seconds} (20): measured time of each closed loop;
 * <li>{@code pipeline.rates} (500,1000,2000,4000): the open loop's offered rates, messages per second;
 * <li>{@code pipeline.step-seconds} (25): measured time of each rate;
 * <li>{@code pipeline.warmup-seconds} (10): unmeasured load before each closed loop and before the first rate;
 * <li>{@code pipeline.grace-seconds} (10): how long after its last send a rate waits for deliveries; what has not
 * arrived by then is lost;
 * <li>{@code pipeline.linger-ms} (the gateway's own {@code caas.gateway.kafka.linger-ms}): the producers' linger.ms,
 * given to the gateway and the bare producer alike.
 * </ul>
 */
record PipelineSettings(int tenants, int conversations, int senders, Duration closedLoop, List<Integer> rates,
        Duration step, Duration warmup, Duration grace, int lingerMs) {

    /** The command that runs the benchmark with the defaults. */
    static final String COMMAND = "./mvnw -q -Pbench -pl benchmarks -am package -DskipTests -Dbench=pipeline";

    /** The gateway's linger.ms setting. */
    static final String LINGER = "caas.gateway.kafka.linger-ms";

    private static final String PREFIX = "pipeline.";

    static PipelineSettings fromSystemProperties() {
        return new PipelineSettings(
                Integer.getInteger(PREFIX + "tenants", 20),
                Integer.getInteger(PREFIX + "conversations", 5),
                Integer.getInteger(PREFIX + "senders", 64),
                seconds("closed-seconds", 20),
                Arrays.stream(System.getProperty(PREFIX + "rates", "500,1000,2000,4000").split(","))
                        .map(String::trim).map(Integer::valueOf).toList(),
                seconds("step-seconds", 25),
                seconds("warmup-seconds", 10),
                seconds("grace-seconds", 10),
                Integer.getInteger(PREFIX + "linger-ms", Integer.parseInt(gatewayProperty(LINGER))));
    }

    /** The command that reproduces this run: {@link #COMMAND} with whatever {@code pipeline.*} was set. */
    static String command() {
        String set = System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(PREFIX)).sorted()
                .map(name -> "-D" + name + "=" + System.getProperty(name)).collect(Collectors.joining(" "));
        return set.isEmpty() ? COMMAND : COMMAND + " -Dpipeline.args=\"" + set + "\"";
    }

    /** The gateway's own setting, from its application.properties. */
    static String gatewayProperty(String key) {
        try {
            return Manifests.serviceProperties("gateway").getProperty(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Duration seconds(String name, int defaultSeconds) {
        return Duration.ofSeconds(Integer.getInteger(PREFIX + name, defaultSeconds));
    }
}
