package io.caas.metrics.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A minimal OTLP/HTTP (protobuf) receiver standing in for an OpenTelemetry Collector, which cannot run here:
 * it decodes what services push to /v1/metrics and /v1/traces and remembers metric names and trace ids. A
 * Quarkus test resource, or started by hand with {@link #start()} for services run as processes.
 */
public class OtlpReceiver implements QuarkusTestResourceLifecycleManager {

    private final Set<String> metricNames = ConcurrentHashMap.newKeySet();
    private final Set<String> traceIds = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> traceIdsByService = new ConcurrentHashMap<>();
    private final Map<String, String> spanResource = new ConcurrentHashMap<>();
    private HttpServer server;

    /** Names of the metrics pushed so far. */
    public Set<String> metricNames() {
        return metricNames;
    }

    /** Trace ids of the spans received so far. */
    public Set<String> traceIds() {
        return traceIds;
    }

    /** Trace ids of the spans one service (resource attribute service.name) exported. */
    public Set<String> traceIdsOf(String serviceName) {
        return traceIdsByService.getOrDefault(serviceName, Set.of());
    }

    /** Resource attributes of the exported spans (service.name, k8s.pod.name, ...), last writer wins. */
    public Map<String, String> spanResource() {
        return spanResource;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/metrics", exchange -> respond(exchange, body -> ExportMetricsServiceRequest.parseFrom(body)
                .getResourceMetricsList().forEach(resource -> resource.getScopeMetricsList()
                        .forEach(scope -> scope.getMetricsList().forEach(metric -> metricNames.add(metric.getName()))))));
        server.createContext("/v1/traces", exchange -> respond(exchange, body -> ExportTraceServiceRequest.parseFrom(body)
                .getResourceSpansList().forEach(resource -> {
                    resource.getResource().getAttributesList()
                            .forEach(attribute -> spanResource.put(attribute.getKey(), attribute.getValue().getStringValue()));
                    String service = resource.getResource().getAttributesList().stream()
                            .filter(attribute -> attribute.getKey().equals("service.name"))
                            .map(attribute -> attribute.getValue().getStringValue()).findFirst().orElse("");
                    Set<String> ofService = traceIdsByService.computeIfAbsent(service, name -> ConcurrentHashMap.newKeySet());
                    resource.getScopeSpansList().forEach(scope -> scope.getSpansList().forEach(span -> {
                        String traceId = HexFormat.of().formatHex(span.getTraceId().toByteArray());
                        traceIds.add(traceId);
                        ofService.add(traceId);
                    }));
                })));
        server.start();
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "caas.telemetry.otlp.endpoint", endpoint,
                "caas.telemetry.otlp.push-metrics", "true",
                "caas.telemetry.otlp.step", "1s",
                "quarkus.otel.bsp.schedule.delay", "0.1s");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.MatchesType(OtlpReceiver.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private interface BodyHandler {
        void accept(byte[] body) throws IOException;
    }

    private static void respond(HttpExchange exchange, BodyHandler handler) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            handler.accept(in.readAllBytes());
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        } catch (IOException e) {
            exchange.sendResponseHeaders(400, -1);
        } finally {
            exchange.close();
        }
    }
}
