package io.caas.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.caas.kafka.testing.TestEvents;
import io.caas.localinfra.FreePorts;
import io.caas.localinfra.KafkaBroker;
import io.caas.localinfra.PostgresServer;
import io.caas.localinfra.ServiceProcess;
import io.caas.metrics.testing.PrometheusText;

/**
 * A billing pod killed with SIGKILL in the middle of a stream and started again under the same pod name, as
 * Kubernetes restarts a container: its partitions come back at once (static group membership), the lag stays
 * visible, and every event is metered exactly once. Runs the packaged application against real Kafka and
 * PostgreSQL.
 */
class BillingFailoverIT {

    private static final int EVENTS = 2_000;
    private static final Path DIR = Path.of("target", "failover-it");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aKilledPodRestartedUnderItsNameResumesMeteringAtOnceAndItsLagStaysVisible() throws Exception {
        TestIssuer issuer = new TestIssuer();
        String authUrl = issuer.start().get("caas.caller.auth-url");
        try (KafkaBroker kafka = new KafkaBroker(DIR.resolve("kafka")).start();
                PostgresServer postgres = new PostgresServer(DIR.resolve("postgres")).start()) {
            postgres.createDatabase("billing");
            int management = FreePorts.next();
            ServiceProcess billing = new ServiceProcess("billing", Path.of("target", "quarkus-app", "quarkus-run.jar"),
                    DIR.resolve("billing.log"), List.of("-Xmx256m"),
                    Map.of("quarkus.http.port", Integer.toString(FreePorts.next()),
                            "quarkus.management.port", Integer.toString(management),
                            "quarkus.datasource.jdbc.url", postgres.jdbcUrl("billing"),
                            "caas.kafka.lag-interval", "1s"),
                    environment(kafka, authUrl));
            URI ready = URI.create("http://127.0.0.1:" + management + "/q/health/ready");
            URI metrics = URI.create("http://127.0.0.1:" + management + "/q/metrics");
            String tenant = TestEvents.uniqueTenant("failover");
            try {
                billing.start().awaitOk(ready, Duration.ofSeconds(90));
                CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> produceSteadily(kafka, tenant));
                awaitMetered(postgres, tenant, 200, Duration.ofSeconds(60));

                billing.kill();
                long killedAt = System.nanoTime();
                billing.start();
                List<Boolean> lagVisible = new ArrayList<>();
                while (scrape(metrics) == null) {
                    Thread.sleep(50);
                }
                long upAt = System.nanoTime();
                long meteredAtRestart = metered(postgres, tenant);
                long resumedAt = 0;
                while (System.nanoTime() - upAt < Duration.ofSeconds(60).toNanos()) {
                    PrometheusText scrape = scrape(metrics);
                    lagVisible.add(scrape != null && scrape.named("caas_kafka_consumer_lag").size() == 3);
                    if (resumedAt == 0 && metered(postgres, tenant) > meteredAtRestart) {
                        resumedAt = System.nanoTime();
                    }
                    if (stream.isDone() && metered(postgres, tenant) == EVENTS) {
                        break;
                    }
                    Thread.sleep(200);
                }
                stream.get(60, TimeUnit.SECONDS);
                assertThat(resumedAt).as("metering resumed after the restart").isPositive();
                assertThat(Duration.ofNanos(resumedAt - upAt)).as("from the restarted pod being up to metering again (killed %s before)",
                        Duration.ofNanos(upAt - killedAt)).isLessThanOrEqualTo(Duration.ofSeconds(5));
                // The lag feeder reads every second: only the restarted pod's first second may lack the series.
                assertThat(lagVisible.subList(Math.min(lagVisible.size(), 6), lagVisible.size()))
                        .as("a lag series for every partition in each scrape of the restarted pod").containsOnly(true);
                assertThat(metered(postgres, tenant)).as("every event exactly once").isEqualTo(EVENTS);
            } finally {
                billing.stop(Duration.ofSeconds(30));
                issuer.stop();
            }
        }
    }

    private static Map<String, String> environment(KafkaBroker kafka, String authUrl) {
        Map<String, String> env = new HashMap<>(kafka.environment("billing"));
        env.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", PostgresServer.PASSWORD);
        env.put("CAAS_CALLER_AUTH_URL", authUrl);
        env.put("POD_NAME", "caas-billing-0");
        return env;
    }

    /** {@link #EVENTS} events over ~20 s, as a steady stream of accepted messages. */
    private static void produceSteadily(KafkaBroker kafka, String tenant) {
        for (int batch = 0; batch < EVENTS / 50; batch++) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                events.add(TestEvents.message(tenant, "text", Instant.now()));
            }
            TestEvents.produce(kafka, TestEvents.TOPIC, batch % 3, tenant, events);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * One scrape, or null when the pod does not answer 200 within 3 s. The bound is the future's, not only the
     * request's timeout: a send to a pod killed and started again once hung here for good (JDK 17's client).
     */
    private static PrometheusText scrape(URI metrics) {
        CompletableFuture<HttpResponse<String>> response = HTTP.sendAsync(
                HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> answered = response.get(3, TimeUnit.SECONDS);
            return answered.statusCode() == 200 ? PrometheusText.parse(answered.body()) : null;
        } catch (ExecutionException | TimeoutException e) {
            response.cancel(true);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void awaitMetered(PostgresServer postgres, String tenant, long atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (metered(postgres, tenant) < atLeast) {
            assertThat(System.nanoTime()).as("%d events metered within %s", atLeast, timeout).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static long metered(PostgresServer postgres, String tenant) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("billing"), PostgresServer.USER, PostgresServer.PASSWORD);
                PreparedStatement sum = connection.prepareStatement("SELECT coalesce(sum(messages), 0) FROM usage_daily WHERE tenant_id = ?")) {
            sum.setString(1, tenant);
            try (ResultSet row = sum.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
