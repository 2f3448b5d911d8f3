package io.caas.metrics.telemetry;

/** OTLP/HTTP signal URLs from a base endpoint, as the OTLP exporter specification defines them. */
final class OtlpEndpoints {

    private OtlpEndpoints() {
    }

    /** {@code http://collector:4318} + {@code v1/traces} = {@code http://collector:4318/v1/traces}. */
    static String resolve(String base, String signalPath) {
        return base.endsWith("/") ? base + signalPath : base + "/" + signalPath;
    }
}
