package io.caas.billing.config;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Configuration of billing, under {@code caas.billing}. */
@ConfigMapping(prefix = "caas.billing")
public interface BillingConfig {

    /**
     * The operator's read-only token (billing's own Secret, never auth's admin token): may read any tenant's usage
     * and invoices, nothing else anywhere. Absent: tenants only.
     */
    Optional<String> operatorToken();

    Kafka kafka();

    /** Currency of all prices and invoices. */
    String currency();

    /** Price per message by type. */
    Map<String, BigDecimal> prices();

    /** When the invoice job runs (quarkus-scheduler cron, UTC; "off" disables it). */
    String invoiceCron();

    interface Kafka {
        String topic();

        /** Where events that cannot be metered are parked, with the reason in a header. */
        String deadLetterTopic();

        String groupId();

        /**
         * Static membership of the group: the pod name, so a restarted pod gets its partitions back at once instead
         * of after the session timeout. Absent: a dynamic member.
         */
        Optional<String> groupInstanceId();
    }
}
