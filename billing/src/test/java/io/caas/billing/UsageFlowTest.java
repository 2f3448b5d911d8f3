package io.caas.billing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.caas.caller.testing.TestIssuer;
import io.caas.kafka.testing.TestEvents;
import io.caas.localinfra.InjectInfra;
import io.caas.localinfra.KafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.caas.localinfra.KafkaTestResource;
import io.caas.localinfra.PostgresTestResource;

/** Events in, usage out: the main flow, also run against the packaged application. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(BillingSecretsTestResource.class)
class UsageFlowTest {

    TestIssuer issuer;

    @InjectInfra
    KafkaBroker kafka;

    @Test
    void producedEventsShowUpInTheTenantsUsage() {
        String tenant = BillingApi.uniqueTenant("flow");
        TestEvents.produce(kafka, List.of(TestEvents.message(tenant, "system", Instant.now()),
                TestEvents.message(tenant, "system", Instant.now())));
        await().atMost(Duration.ofSeconds(30)).until(() -> BillingApi.total(issuer.token(tenant), tenant, "system") == 2);
    }
}
