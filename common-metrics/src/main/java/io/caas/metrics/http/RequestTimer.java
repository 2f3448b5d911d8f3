package io.caas.metrics.http;

import java.util.Set;

import io.netty.util.Recycler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;

/**
 * The route handler that times a request from here to the end of its response and records it through
 * {@link HttpMetrics}. Per request it allocates nothing of its own: the request's start and trace context wait for
 * the end in a {@link Timing} taken from a per-thread pool (Netty's {@link Recycler}) and given back once it has
 * recorded.
 */
public final class RequestTimer implements Handler<RoutingContext> {

    /** Key under which Quarkus REST stores the matched route template in the request's (duplicated) context. */
    public static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    private final HttpMetrics metrics;
    private final Set<String> routes;
    /**
     * Per instance, not static: made with the bean, at run time, so a native image never carries thread-local pool
     * state over from its build-time heap.
     */
    private final Recycler<Timing> timings = new Recycler<>() {
        @Override
        protected Timing newObject(Handle<Timing> handle) {
            return new Timing(handle);
        }
    };

    /**
     * @param routes exact paths served outside Quarkus REST that are recorded as their own route (see
     *               {@link #routeTemplate(RoutingContext)})
     */
    public RequestTimer(HttpMetrics metrics, Set<String> routes) {
        this.metrics = metrics;
        this.routes = Set.copyOf(routes);
    }

    @Override
    public void handle(RoutingContext rc) {
        long start = System.nanoTime();
        // A sampled server span is current here: re-entering it at the end lets the exemplar carry its trace id.
        // Without one there is nothing to carry, and no scope to open per request.
        Context traceContext = Context.current();
        Timing timing = timings.get();
        timing.begin(rc, start, Span.fromContext(traceContext).getSpanContext().isSampled() ? traceContext : null);
        rc.addEndHandler(timing);
        rc.next();
    }

    private void record(RoutingContext rc, long start) {
        metrics.record(rc.request().method().name(), routeTemplate(rc), rc.response().getStatusCode(), System.nanoTime() - start);
    }

    /**
     * The route template Quarkus REST matched, else the request path if it is one of the configured routes
     * served outside Quarkus REST, else {@code null} (unmatched). A successful WebSocket upgrade never ends as an
     * HTTP response (Vert.x writes the 101 itself), so it is not recorded here at all; a refused upgrade is an
     * ordinary response and is.
     */
    private String routeTemplate(RoutingContext rc) {
        Object template = ((HttpServerRequestInternal) rc.request()).context().getLocal(URL_PATH_TEMPLATE);
        if (template != null) {
            return template.toString();
        }
        String path = rc.request().path();
        return routes.contains(path) ? path : null;
    }

    /**
     * One request between its start and the end of its response. Vert.x runs a RoutingContext's end handlers once
     * (its own guard, whether the response ended, failed or the connection closed), so a timing is given back
     * exactly once; one whose request never ends is never given back and is simply collected. The fields are
     * cleared before it goes back, so the pool holds no request alive.
     */
    private final class Timing implements Handler<AsyncResult<Void>> {

        private final Recycler.Handle<Timing> handle;
        private RoutingContext request;
        private long start;
        private Context traceContext;

        Timing(Recycler.Handle<Timing> handle) {
            this.handle = handle;
        }

        void begin(RoutingContext request, long start, Context traceContext) {
            this.request = request;
            this.start = start;
            this.traceContext = traceContext;
        }

        @Override
        public void handle(AsyncResult<Void> ended) {
            RoutingContext endedRequest = request;
            long endedStart = start;
            Context endedTraceContext = traceContext;
            request = null;
            traceContext = null;
            handle.recycle(this);
            if (endedTraceContext == null) {
                record(endedRequest, endedStart);
            } else {
                try (Scope scope = endedTraceContext.makeCurrent()) {
                    record(endedRequest, endedStart);
                }
            }
        }
    }
}
