package io.caas.benchmarks;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.caas.metrics.http.HttpMetrics;
import io.caas.metrics.meter.CatalogMeters;
import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.CollectorRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * Whether the registry's clock matters on the request path as a whole: one keep-alive HTTP/1.1 round trip over
 * loopback to a Vert.x server that records it as HttpMetricsFilter does (nanoTime at the start, an end handler that
 * records method, route, status and duration), with Micrometer's {@code Clock.SYSTEM} (what the services use) or
 * {@link TickedWallClock} (what they used until this measurement: it saves two clock reads per recording and costs
 * a thread waking 100 times a second). The filter's OpenTelemetry context check is left out: it is the same with
 * either clock.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestClockBenchmark {

    private static final String ROUTE = "/ping";

    @Param({"system", "ticked"})
    public String clock;

    private Clock registryClock;
    private Vertx vertx;
    private KeepAliveGet client;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        registryClock = clock.equals("ticked") ? new TickedWallClock() : Clock.SYSTEM;
        HttpMetrics metrics = new HttpMetrics(new CatalogMeters(
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new CollectorRegistry(), registryClock), metric -> 100));
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            long start = System.nanoTime();
            request.response().endHandler(ended -> metrics.record(request.method().name(), ROUTE,
                    request.response().getStatusCode(), System.nanoTime() - start));
            request.response().putHeader("content-type", "text/plain").end("ok");
        });
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        client = new KeepAliveGet(port);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (registryClock instanceof TickedWallClock ticked) {
            ticked.close();
        }
    }

    /** One request and its whole response, on the same connection every time. */
    @Benchmark
    public int trivialRequest() throws IOException {
        return client.ping();
    }

    /** Exact monotonic time; wall time from a field a daemon thread sets every 10 ms. */
    static final class TickedWallClock implements Clock, AutoCloseable {

        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "wall-clock-ticker");
            thread.setDaemon(true);
            return thread;
        });
        private volatile long wallTimeMillis = System.currentTimeMillis();

        TickedWallClock() {
            ticker.scheduleAtFixedRate(() -> wallTimeMillis = System.currentTimeMillis(), 10, 10, TimeUnit.MILLISECONDS);
        }

        @Override
        public long wallTime() {
            return wallTimeMillis;
        }

        @Override
        public long monotonicTime() {
            return System.nanoTime();
        }

        @Override
        public void close() {
            ticker.shutdownNow();
        }
    }
}
