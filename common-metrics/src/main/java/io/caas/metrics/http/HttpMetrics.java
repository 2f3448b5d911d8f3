package io.caas.metrics.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;

/**
 * Records {@code caas_http_requests_total} and {@code caas_request_duration_seconds}. Every label value is
 * drawn from a bounded set: the method is folded to the standard methods, the path must be a route template
 * (or {@link MetricCatalog#UNMATCHED_PATH}), the status is a three-digit code. The meters of a route sit in
 * arrays indexed by method and status, so a recording is one map lookup by route and allocates nothing.
 */
public final class HttpMetrics {

    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
            "CONNECT", MetricCatalog.OTHER_METHOD};
    private static final int OTHER = METHODS.length - 1;
    private static final int STATUS_LIMIT = 600;
    private static final String[] STATUS_TEXT = new String[STATUS_LIMIT];
    private static final String INVALID_STATUS = "000";

    static {
        for (int status = 100; status < STATUS_LIMIT; status++) {
            STATUS_TEXT[status] = Integer.toString(status);
        }
    }

    /** The meters of one (route, method): its duration timer and its request counters by status. */
    private final class RouteMethodMeters {
        private final String method;
        private final String path;
        private final Timer duration;
        private final AtomicReferenceArray<Counter> requestsByStatus = new AtomicReferenceArray<>(STATUS_LIMIT + 1);

        RouteMethodMeters(String method, String path) {
            this.method = method;
            this.path = path;
            this.duration = meters.timer(MetricCatalog.REQUEST_DURATION, method, path);
        }

        Counter requests(int status) {
            int index = status >= 100 && status < STATUS_LIMIT ? status : STATUS_LIMIT;
            Counter counter = requestsByStatus.get(index);
            if (counter == null) {
                String statusText = index == STATUS_LIMIT ? INVALID_STATUS : STATUS_TEXT[index];
                counter = meters.counter(MetricCatalog.HTTP_REQUESTS, method, path, statusText);
                requestsByStatus.compareAndSet(index, null, counter);
            }
            return counter;
        }
    }

    private final CatalogMeters meters;
    private final ConcurrentHashMap<String, AtomicReferenceArray<RouteMethodMeters>> routes = new ConcurrentHashMap<>();

    public HttpMetrics(CatalogMeters meters) {
        this.meters = meters;
    }

    /**
     * Records one finished request.
     *
     * @param method the request method as sent
     * @param pathTemplate the matched route template, or {@code null} when no route matched
     * @param status the response status code
     * @param durationNanos time from request start to response end
     */
    public void record(String method, String pathTemplate, int status, long durationNanos) {
        RouteMethodMeters route = route(pathTemplate == null ? MetricCatalog.UNMATCHED_PATH : pathTemplate,
                methodIndex(method));
        route.requests(status).increment();
        route.duration.record(durationNanos, TimeUnit.NANOSECONDS);
    }

    private RouteMethodMeters route(String path, int method) {
        AtomicReferenceArray<RouteMethodMeters> byMethod = routes.get(path);
        if (byMethod == null) {
            byMethod = routes.computeIfAbsent(path, p -> new AtomicReferenceArray<>(METHODS.length));
        }
        RouteMethodMeters route = byMethod.get(method);
        if (route == null) {
            byMethod.compareAndSet(method, null, new RouteMethodMeters(METHODS[method], path));
            route = byMethod.get(method);
        }
        return route;
    }

    /** Index of the method in {@link #METHODS}; non-standard methods share OTHER so clients cannot invent series. */
    private static int methodIndex(String method) {
        if (method == null) {
            return OTHER;
        }
        return switch (method) {
            case "GET" -> 0;
            case "POST" -> 1;
            case "PUT" -> 2;
            case "DELETE" -> 3;
            case "PATCH" -> 4;
            case "HEAD" -> 5;
            case "OPTIONS" -> 6;
            case "TRACE" -> 7;
            case "CONNECT" -> 8;
            default -> OTHER;
        };
    }
}
