package io.caas.metrics.catalog;

import static io.caas.metrics.catalog.MetricDefinition.counter;
import static io.caas.metrics.catalog.MetricDefinition.gauge;
import static io.caas.metrics.catalog.MetricDefinition.histogram;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every {@code caas_*} metric of the suite, defined once. Services record only through these
 * definitions; dashboards and rules may reference only these names (a test enforces it), and
 * {@code common-metrics/METRICS.md} is generated from this class.
 */
public final class MetricCatalog {

    /** Label value that replaces a capped label's values beyond the cap. */
    public static final String OVERFLOW_VALUE = "__overflow__";

    /** {@code path} label value of requests that matched no route. */
    public static final String UNMATCHED_PATH = "UNMATCHED";

    /** {@code method} label value of HTTP methods outside the standard set. */
    public static final String OTHER_METHOD = "OTHER";

    // --- Fixed by the platform standard (names, types and labels exactly so) ---

    public static final MetricDefinition HTTP_REQUESTS = counter("caas_http_requests_total",
            "HTTP requests handled, by method, matched route template and response status.")
            .labels("method", "path", "status").build();

    public static final MetricDefinition REQUEST_DURATION = histogram("caas_request_duration_seconds",
            "Time from receiving an HTTP request to the end of its response.")
            .unit("seconds").labels("method", "path").buckets(0.01, 0.05, 0.1, 0.5, 1, 5).build();

    public static final MetricDefinition SOCKET_CONNECTIONS_ACTIVE = gauge("caas_socket_connections_active",
            "WebSocket connections currently open on this server.")
            .labels("server_id").emittedBy("socket").build();

    public static final MetricDefinition MESSAGES_SENT = counter("caas_messages_sent_total",
            "Messages accepted into Kafka, by tenant and message type.")
            .labels("tenant_id", "type").capped("tenant_id").emittedBy("gateway").build();

    public static final MetricDefinition KAFKA_CONSUMER_LAG = gauge("caas_kafka_consumer_lag",
            "Records behind the log end offset on partitions assigned to this consumer; each partition is reported by exactly one replica of a group.")
            .labels("topic", "partition").emittedBy("socket, billing").build();

    // --- Service metrics ---

    public static final MetricDefinition MESSAGES_DELIVERED = counter("caas_messages_delivered_total",
            "Message events pushed to subscribed WebSocket connections, by tenant and message type.")
            .labels("tenant_id", "type").capped("tenant_id").emittedBy("socket").build();

    public static final MetricDefinition DELIVERY_LATENCY = histogram("caas_message_delivery_latency_seconds",
            "Time from the gateway receiving a message's request (its accepted_at for events without received_at) to its push on a WebSocket connection.")
            .unit("seconds").labels("type").buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .emittedBy("socket").build();

    public static final MetricDefinition TOKENS_ISSUED = counter("caas_auth_tokens_issued_total",
            "Access tokens issued, by tenant.")
            .labels("tenant_id").capped("tenant_id").emittedBy("auth").build();

    public static final MetricDefinition AUTH_FAILURES = counter("caas_auth_failures_total",
            "Rejected authentication attempts, by reason (missing_key, invalid_key, revoked_key, bad_admin_token, invalid_token, ...).")
            .labels("reason").emittedBy("auth, gateway, socket, billing").build();

    public static final MetricDefinition RATE_LIMITED = counter("caas_rate_limited_requests_total",
            "Requests rejected with 429 by the per-tenant rate limit, by tenant.")
            .labels("tenant_id").capped("tenant_id").emittedBy("gateway").build();

    public static final MetricDefinition BILLING_EVENTS = counter("caas_billing_events_total",
            "Message events processed by billing, by outcome (recorded, duplicate, rejected).")
            .labels("outcome").emittedBy("billing").build();

    public static final MetricDefinition KAFKA_CONSUMER_UP = gauge("caas_kafka_consumer_up",
            "Whether a consumer loop is polling with its partitions assigned (1) or is waiting for Kafka, rejoining or restarting (0), by consumer.")
            .labels("consumer").emittedBy("socket, billing").build();

    public static final MetricDefinition KAFKA_CONSUMER_RESTARTS = counter("caas_kafka_consumer_restarts_total",
            "Times a consumer loop restarted its Kafka consumer after an unexpected error, by consumer.")
            .labels("consumer").emittedBy("socket, billing").build();

    public static final MetricDefinition KAFKA_DEAD_LETTERS = counter("caas_kafka_dead_letters_total",
            "Records that could not be processed and were parked in the dead-letter topic, by consumer.")
            .labels("consumer").emittedBy("billing").build();

    public static final MetricDefinition IDEMPOTENCY_REQUESTS = counter("caas_idempotency_requests_total",
            "Requests that carried a client_msg_id, by outcome: new (first use of the key), replayed (answered with the first request's result), conflict (the key was used before with a different payload: 422).")
            .labels("outcome").emittedBy("gateway").build();

    public static final MetricDefinition SOCKET_DUPLICATE_EVENTS = counter("caas_socket_duplicate_events_total",
            "Message events this socket server received again (same message_id) and did not push a second time.")
            .emittedBy("socket").build();

    public static final MetricDefinition JOB_RUNS = counter("caas_job_runs_total",
            "Scheduled job executions, by job and status (success, failure, skipped).")
            .labels("job", "status").build();

    public static final MetricDefinition JOB_DURATION = histogram("caas_job_duration_seconds",
            "Duration of scheduled job executions that ran, by job.")
            .unit("seconds").labels("job").buckets(0.01, 0.1, 1, 10, 60, 300, 1800).build();

    public static final MetricDefinition JOB_LAST_SUCCESS = gauge("caas_job_last_success_timestamp_seconds",
            "Unix time of the last successful execution of a scheduled job; absent until it first succeeds.")
            .unit("seconds").labels("job").build();

    public static final MetricDefinition DEPENDENCY_UP = gauge("caas_dependency_up",
            "Whether the last probe of a dependency succeeded (1) or failed (0).")
            .labels("dependency").build();

    public static final MetricDefinition DEPENDENCY_PROBE_DURATION = histogram("caas_dependency_probe_duration_seconds",
            "Duration of dependency probes, successful or not.")
            .unit("seconds").labels("dependency").buckets(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5).build();

    public static final MetricDefinition LOG_EVENTS = counter("caas_log_events_total",
            "Log records emitted, by level (trace, debug, info, warn, error).")
            .labels("level").build();

    public static final MetricDefinition BUILD_INFO = gauge("caas_build_info",
            "Always 1; labels carry the service name and version of the running build.")
            .labels("service", "version").build();

    public static final MetricDefinition LABEL_OVERFLOW = counter("caas_metrics_label_overflow_total",
            "Recordings whose capped label value was folded into " + OVERFLOW_VALUE + " because the metric reached its cap, by metric and label.")
            .labels("metric", "label").build();

    /** Every definition, in catalog order. */
    public static final List<MetricDefinition> ALL = List.of(
            HTTP_REQUESTS, REQUEST_DURATION, SOCKET_CONNECTIONS_ACTIVE, MESSAGES_SENT, KAFKA_CONSUMER_LAG,
            MESSAGES_DELIVERED, DELIVERY_LATENCY, TOKENS_ISSUED, AUTH_FAILURES, RATE_LIMITED, BILLING_EVENTS,
            KAFKA_CONSUMER_UP, KAFKA_CONSUMER_RESTARTS, KAFKA_DEAD_LETTERS, IDEMPOTENCY_REQUESTS, SOCKET_DUPLICATE_EVENTS,
            JOB_RUNS, JOB_DURATION, JOB_LAST_SUCCESS, DEPENDENCY_UP, DEPENDENCY_PROBE_DURATION, LOG_EVENTS,
            BUILD_INFO, LABEL_OVERFLOW);

    private static final Map<String, MetricDefinition> BY_SERIES_NAME = ALL.stream()
            .flatMap(def -> def.seriesNames().stream().map(series -> Map.entry(series, def)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private MetricCatalog() {
    }

    /** The definition a series name belongs to ({@code caas_x_bucket} belongs to {@code caas_x}), if any. */
    public static Optional<MetricDefinition> bySeriesName(String seriesName) {
        return Optional.ofNullable(BY_SERIES_NAME.get(seriesName));
    }
}
