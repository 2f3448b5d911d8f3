package io.caas.billing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.caas.billing.consumer.UsageEvent;
import io.caas.billing.consumer.UsageRecorder;
import io.caas.caller.testing.TestIssuer;
import io.caas.kafka.testing.TestEvents;
import io.caas.localinfra.InjectInfra;
import io.caas.localinfra.KafkaBroker;
import io.caas.localinfra.KafkaTestResource;
import io.caas.localinfra.PostgresServer;
import io.caas.localinfra.PostgresTestResource;
import io.caas.metrics.testing.PrometheusText;
import io.caas.metrics.testing.Scrape;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The faults that used to stop metering while everything looked green: records PostgreSQL rejects, a record the
 * database refuses for a reason no validation foresaw, an unexpected exception in the consumer.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(BillingSecretsTestResource.class)
class ConsumerFaultsTest {

    TestIssuer issuer;

    @InjectInfra
    KafkaBroker kafka;

    @InjectInfra
    PostgresServer postgres;

    @Inject
    DataSource dataSource;

    @Inject
    UsageRecorder recorder;

    @Test
    void eventsPostgresqlWouldRejectAreParkedWithAReasonAndTheValidOnesAfterThemAreMetered() {
        String tenant = BillingApi.uniqueTenant("after-poison");
        Map<String, String> poison = Map.of(
                UUID.randomUUID().toString(), "nul\\u0000tenant",
                UUID.randomUUID().toString(), "t".repeat(8192),
                UUID.randomUUID().toString(), tenant);
        List<String> events = new ArrayList<>();
        poison.forEach((id, poisonTenant) -> events.add(TestEvents.message(id, poisonTenant, "text",
                poisonTenant.equals(tenant) ? Instant.parse("+999999-01-01T00:00:00Z") : Instant.now())));
        events.add(TestEvents.message(tenant, "text", Instant.now()));
        events.add(TestEvents.message(tenant, "text", Instant.now()));
        TestEvents.produce(kafka, events);

        await().atMost(Duration.ofSeconds(30)).until(() -> BillingApi.total(issuer.token(tenant), tenant, "text") == 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> parked(poison.keySet()).size() == 3);
        assertThat(parked(poison.keySet())).extracting(r -> TestEvents.header(r, "caas-dlt-reason"))
                .anySatisfy(reason -> assertThat(reason).startsWith("tenant_id"))
                .anySatisfy(reason -> assertThat(reason).startsWith("accepted_at"));
        await().atMost(Duration.ofSeconds(30)).until(() -> lag() == 0);
    }

    @Test
    void anEventTheDatabaseRefusesIsParkedAndTheRestOfItsBatchIsMetered() throws SQLException {
        String refused = BillingApi.uniqueTenant("refused");
        String tenant = BillingApi.uniqueTenant("neighbour");
        // A rule no validation knows about: PostgreSQL rejects this tenant's rows (SQLState 23514).
        execute("ALTER TABLE usage_daily ADD CONSTRAINT test_refuse_" + refused.replace('-', '_')
                + " CHECK (tenant_id <> '" + refused + "')");
        expectParkedBetweenMeteredNeighbours(refused, tenant, "image");
    }

    @Test
    void anEventTheDatabaseRefusesOnlyAtCommitIsParkedAndTheRestOfItsBatchIsMetered() throws SQLException {
        String refused = BillingApi.uniqueTenant("refused-at-commit");
        String tenant = BillingApi.uniqueTenant("neighbour");
        // PostgreSQL refuses this tenant's rows when the transaction commits (a deferred constraint), not at the INSERT.
        String name = "test_refuse_at_commit_" + refused.replace('-', '_');
        execute("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'refused at commit' USING ERRCODE = 'check_violation'; END $$");
        execute("CREATE CONSTRAINT TRIGGER " + name + " AFTER INSERT ON usage_daily DEFERRABLE INITIALLY DEFERRED "
                + "FOR EACH ROW WHEN (NEW.tenant_id = '" + refused + "') EXECUTE FUNCTION " + name + "()");
        expectParkedBetweenMeteredNeighbours(refused, tenant, "system");
    }

    /** The refused tenant's event between two of its neighbour's: the neighbour's are metered, it is parked as 23514. */
    private void expectParkedBetweenMeteredNeighbours(String refused, String tenant, String type) {
        TestEvents.produce(kafka, List.of(
                TestEvents.message(tenant, type, Instant.now()),
                TestEvents.message(refused, type, Instant.now()),
                TestEvents.message(tenant, type, Instant.now())));

        await().atMost(Duration.ofSeconds(30)).until(() -> BillingApi.total(issuer.token(tenant), tenant, type) == 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> parkedContaining(refused).stream()
                .anyMatch(r -> TestEvents.header(r, "caas-dlt-reason").contains("SQLState 23514")));
        assertThat(BillingApi.total(issuer.token(refused), refused, type)).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> lag() == 0);
    }

    @Test
    void anUnexpectedFailureRestartsTheConsumerKeepsTheLagSeriesAndMeteringGoesOn() {
        String tenant = BillingApi.uniqueTenant("restarted");
        double restartsBefore = Scrape.metrics().value("caas_kafka_consumer_restarts_total", Map.of("consumer", "billing"));
        AtomicBoolean failed = new AtomicBoolean();
        UsageRecorder real = ClientProxy.unwrap(recorder); // the intercepted bean: its records stay transactional
        QuarkusMock.installMockForType(new UsageRecorder(dataSource) {
            @Override
            public Outcome record(List<UsageEvent> events) throws SQLException {
                if (failed.compareAndSet(false, true)) {
                    throw new IllegalStateException("test-only: an unexpected failure in the consumer");
                }
                return real.record(events);
            }
        }, UsageRecorder.class);
        TestEvents.produce(kafka, List.of(TestEvents.message(tenant, "file", Instant.now())));
        await().atMost(Duration.ofSeconds(30)).until(failed::get);
        assertThat(Scrape.metrics().named("caas_kafka_consumer_lag")).as("the lag series stays").isNotEmpty();

        TestEvents.produce(kafka, List.of(TestEvents.message(tenant, "file", Instant.now())));
        await().atMost(Duration.ofSeconds(30)).until(() -> BillingApi.total(issuer.token(tenant), tenant, "file") == 2);
        assertThat(Scrape.metrics().value("caas_kafka_consumer_restarts_total", Map.of("consumer", "billing")))
                .isEqualTo(restartsBefore + 1);
        assertThat(given().port(Scrape.managementPort()).get("/q/health/live").then().statusCode(200).extract().asString())
                .contains("restarts " + (int) (restartsBefore + 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> lag() == 0);
    }

    /** Dead letters whose event contains any of {@code fragments} (a message id, a tenant). */
    private List<ConsumerRecord<String, String>> parked(Collection<String> fragments) {
        return TestEvents.readAll(kafka, TestEvents.DEAD_LETTER_TOPIC, Integer.MAX_VALUE, Duration.ofSeconds(2)).stream()
                .filter(r -> fragments.stream().anyMatch(r.value()::contains)).toList();
    }

    private List<ConsumerRecord<String, String>> parkedContaining(String fragment) {
        return parked(List.of(fragment));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static double lag() {
        return Scrape.metrics().named("caas_kafka_consumer_lag").stream().mapToDouble(PrometheusText.Sample::value).sum();
    }
}
