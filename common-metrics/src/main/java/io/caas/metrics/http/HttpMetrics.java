package io.caas.metrics.http;

import java.util.concurrent.TimeUnit;

import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.metrics.meter.MeterFamily;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;

/**
 * Records {@code caas_http_requests_total} and {@code caas_request_duration_seconds}. Every label value is
 * drawn from a bounded set: the method is folded to the standard methods, the path must be a route template
 * (or {@link MetricCatalog#UNMATCHED_PATH}), the status is a three-digit code. On the cached path a
 * recording allocates nothing.
 */
public final class HttpMetrics {

    private static final String[] STATUS_TEXT = new String[600];
    private static final String INVALID_STATUS = "000";

    static {
        for (int status = 100; status < STATUS_TEXT.length; status++) {
            STATUS_TEXT[status] = Integer.toString(status);
        }
    }

    private final MeterFamily<Counter> requests;
    private final MeterFamily<Timer> durations;

    public HttpMetrics(CatalogMeters meters) {
        this.requests = meters.counters(MetricCatalog.HTTP_REQUESTS);
        this.durations = meters.timers(MetricCatalog.REQUEST_DURATION);
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
        String methodLabel = standardMethod(method);
        String path = pathTemplate == null ? MetricCatalog.UNMATCHED_PATH : pathTemplate;
        requests.get(methodLabel, path, statusText(status)).increment();
        durations.get(methodLabel, path).record(durationNanos, TimeUnit.NANOSECONDS);
    }

    /** The method itself if standard, else {@link MetricCatalog#OTHER_METHOD}: clients cannot invent series. */
    static String standardMethod(String method) {
        if (method == null) {
            return MetricCatalog.OTHER_METHOD;
        }
        return switch (method) {
            case "GET" -> "GET";
            case "POST" -> "POST";
            case "PUT" -> "PUT";
            case "DELETE" -> "DELETE";
            case "PATCH" -> "PATCH";
            case "HEAD" -> "HEAD";
            case "OPTIONS" -> "OPTIONS";
            case "TRACE" -> "TRACE";
            case "CONNECT" -> "CONNECT";
            default -> MetricCatalog.OTHER_METHOD;
        };
    }

    static String statusText(int status) {
        return status >= 100 && status < STATUS_TEXT.length ? STATUS_TEXT[status] : INVALID_STATUS;
    }
}
