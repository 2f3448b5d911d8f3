package io.caas.kafka.tracing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * Continues a producer's trace on the consuming side: the gateway puts W3C trace context into each record's
 * headers, and socket and billing handle each record inside a CONSUMER span whose parent is that context, so
 * one trace id runs from the HTTP request through Kafka to the delivery and the metering.
 */
@ApplicationScoped
public class KafkaRecordTracing {

    private static final TextMapGetter<ConsumerRecord<?, ?>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ConsumerRecord<?, ?> record) {
            List<String> keys = new ArrayList<>();
            record.headers().forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(ConsumerRecord<?, ?> record, String key) {
            Header header = record == null ? null : record.headers().lastHeader(key);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final OpenTelemetry telemetry;
    private final Tracer tracer;

    public KafkaRecordTracing(OpenTelemetry telemetry) {
        this.telemetry = telemetry;
        this.tracer = telemetry.getTracer("io.caas.kafka");
    }

    /** Writes the current trace context into the record's headers, for {@link #startProcessing} on the other side. */
    public void inject(ProducerRecord<?, ?> record) {
        telemetry.getPropagators().getTextMapPropagator().inject(Context.current(), record,
                (carrier, key, value) -> carrier.headers().remove(key).add(key, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Starts the span of handling {@code record} ({@code operation}: e.g. "deliver"); the caller ends it. */
    public Span startProcessing(String operation, ConsumerRecord<?, ?> record) {
        Context producer = telemetry.getPropagators().getTextMapPropagator().extract(Context.root(), record, HEADERS);
        return tracer.spanBuilder(record.topic() + " " + operation).setParent(producer).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.name", operation)
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .startSpan();
    }
}
