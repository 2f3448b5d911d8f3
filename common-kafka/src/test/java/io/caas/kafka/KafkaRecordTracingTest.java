package io.caas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.caas.kafka.tracing.KafkaRecordTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/** The consuming side of a trace: the span of a record continues the trace its producer wrote into the headers. */
class KafkaRecordTracingTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final KafkaRecordTracing tracing = new KafkaRecordTracing(OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build());

    @Test
    void aRecordWithTraceContextIsHandledInAChildSpanOfThatTrace() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("caas.messages", 2, 41L, null, new byte[0]);
        record.headers().add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.UTF_8));

        tracing.startProcessing("deliver", record).end();

        SpanData span = exported.getFinishedSpanItems().get(0);
        assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(span.getName()).isEqualTo("caas.messages deliver");
    }

    @Test
    void aRecordWithoutTraceContextStartsANewTrace() {
        Span span = tracing.startProcessing("meter", new ConsumerRecord<>("caas.messages", 0, 1L, null, new byte[0]));
        span.end();
        assertThat(span.getSpanContext().isValid()).isTrue();
        assertThat(exported.getFinishedSpanItems().get(0).getParentSpanId()).isEqualTo("0000000000000000");
    }
}
