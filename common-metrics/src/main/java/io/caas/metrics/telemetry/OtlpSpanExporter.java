package io.caas.metrics.telemetry;

import java.util.Collection;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The span exporter of every service. Quarkus would otherwise export to localhost:4317 whether or not a
 * collector exists; with this bean present it uses this exporter instead, which sends spans over OTLP/HTTP
 * only when {@code caas.telemetry.otlp.endpoint} is set. Spans are still created either way, so trace
 * context propagates and exemplars carry trace ids.
 */
@Singleton
// The OTLP exporter finds its HTTP sender through ServiceLoader; a native image must keep it.
@RegisterForReflection(targets = io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider.class)
public class OtlpSpanExporter implements SpanExporter {

    private static final Logger LOG = Logger.getLogger(OtlpSpanExporter.class);

    private final SpanExporter delegate;

    public OtlpSpanExporter(TelemetryConfig config) {
        this.delegate = config.otlp().endpoint()
                .map(endpoint -> {
                    LOG.infof("Exporting spans over OTLP/HTTP to %s", endpoint);
                    return (SpanExporter) OtlpHttpSpanExporter.builder()
                            .setEndpoint(OtlpEndpoints.resolve(endpoint, "v1/traces")).build();
                })
                .orElse(null);
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return delegate == null ? CompletableResultCode.ofSuccess() : delegate.export(spans);
    }

    @Override
    public CompletableResultCode flush() {
        return delegate == null ? CompletableResultCode.ofSuccess() : delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate == null ? CompletableResultCode.ofSuccess() : delegate.shutdown();
    }
}
