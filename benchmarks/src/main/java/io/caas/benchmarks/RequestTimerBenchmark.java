package io.caas.benchmarks;

import java.io.IOException;
import java.util.Set;
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
import io.caas.metrics.http.RequestTimer;
import io.caas.metrics.meter.CatalogMeters;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What timing a request costs on the request path as a whole, in time and in bytes allocated per request
 * ({@code -prof gc}): one keep-alive HTTP/1.1 round trip over loopback to a Vert.x web router that answers
 * {@code GET /ping} with {@code ok}, behind a first handler that times the request in one of four ways
 * ({@link Timing}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestTimerBenchmark {

    private static final String ROUTE = "/ping";
    private static final Handler<AsyncResult<Void>> EMPTY_END_HANDLER = ended -> {
    };

    /** The first handler of every request. */
    public enum Timing {
        /** Nothing: what Vert.x allocates and spends anyway. */
        NONE,
        /** Only an end handler that does nothing, one shared object: what Vert.x allocates to run any end handler. */
        EMPTY_END_HANDLER,
        /**
         * What HttpMetricsFilter did until #19 closed: an end handler capturing the request and its start, per request
         * (the route is a constant here, so this row does slightly less work than {@code POOLED}).
         */
        CLOSURE,
        /** {@link RequestTimer}, the services' filter: the request's start waits in a pooled object. */
        POOLED
    }

    @Param({"NONE", "EMPTY_END_HANDLER", "CLOSURE", "POOLED"})
    public Timing timing;

    private Vertx vertx;
    private KeepAliveGet client;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        HttpMetrics metrics = new HttpMetrics(new CatalogMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), metric -> 100));
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(switch (timing) {
            case NONE -> RoutingContext::next;
            case EMPTY_END_HANDLER -> rc -> {
                rc.addEndHandler(EMPTY_END_HANDLER);
                rc.next();
            };
            case CLOSURE -> rc -> {
                long start = System.nanoTime();
                rc.addEndHandler(ended -> metrics.record(rc.request().method().name(), ROUTE, rc.response().getStatusCode(), System.nanoTime() - start));
                rc.next();
            };
            case POOLED -> new RequestTimer(metrics, Set.of());
        });
        router.get(ROUTE).handler(rc -> {
            // What Quarkus REST does for every matched request (the first local creates the context's local map).
            ((HttpServerRequestInternal) rc.request()).context().putLocal(RequestTimer.URL_PATH_TEMPLATE, ROUTE);
            rc.response().putHeader("content-type", "text/plain").end("ok");
        });
        int port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        client = new KeepAliveGet(port);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** One request and its whole response, on the same connection every time. */
    @Benchmark
    public int trivialRequest() throws IOException {
        return client.ping();
    }
}
