package io.caas.metrics.scrape;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves /q/metrics in OpenMetrics, with exemplars, to clients that prefer it — Prometheus does — and leaves
 * every other request to Quarkus' handler. Two gaps make this necessary:
 * <ul>
 * <li>Prometheus asks for {@code application/openmetrics-text;version=1.0.0,...,text/plain;version=0.0.4;q=0.5,...};
 * Quarkus answers the classic text format whenever the header mentions {@code text/plain} at all, whatever its
 * weight, and that format carries no exemplars.</li>
 * <li>Micrometer also puts an exemplar on a histogram's {@code _count} line, which OpenMetrics does not allow
 * (only {@code _bucket} and counter {@code _total} lines carry exemplars) and Prometheus rejects, failing the whole
 * scrape. Those exemplars are dropped; the buckets keep theirs.</li>
 * </ul>
 */
@ApplicationScoped
public class OpenMetricsScrape {

    private final PrometheusMeterRegistry registry;

    public OpenMetricsScrape(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    void register(@Observes ManagementInterface management) {
        management.router().get("/q/metrics").order(-100).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        String accept = rc.request().getHeader(HttpHeaders.ACCEPT);
        if (accept == null || !prefersOpenMetrics(accept)) {
            rc.next();
            return;
        }
        rc.vertx().<String>executeBlocking(() -> withExemplarsOnlyWhereAllowed(registry.scrape(TextFormat.CONTENT_TYPE_OPENMETRICS_100)), false)
                .onSuccess(body -> rc.response().putHeader(HttpHeaders.CONTENT_TYPE, TextFormat.CONTENT_TYPE_OPENMETRICS_100).end(body))
                .onFailure(rc::fail);
    }

    /** True when application/openmetrics-text is listed with a weight no lower than text/plain's. */
    static boolean prefersOpenMetrics(String accept) {
        double openMetrics = -1;
        double text = -1;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase();
            double weight = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.startsWith("q=")) {
                    try {
                        weight = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        weight = 0;
                    }
                }
            }
            if (type.equals("application/openmetrics-text")) {
                openMetrics = Math.max(openMetrics, weight);
            } else if (type.equals("text/plain")) {
                text = Math.max(text, weight);
            }
        }
        return openMetrics > 0 && openMetrics >= text;
    }

    /** Drops the exemplar of every sample line that is neither a histogram bucket nor a counter total. */
    static String withExemplarsOnlyWhereAllowed(String openMetrics) {
        StringBuilder out = new StringBuilder(openMetrics.length());
        int start = 0;
        while (start < openMetrics.length()) {
            int end = openMetrics.indexOf('\n', start);
            end = end < 0 ? openMetrics.length() : end + 1;
            String line = openMetrics.substring(start, end);
            int exemplar = line.startsWith("#") ? -1 : line.indexOf(" # {");
            if (exemplar >= 0) {
                int nameEnd = line.indexOf('{');
                String name = line.substring(0, nameEnd < 0 || nameEnd > exemplar ? line.indexOf(' ') : nameEnd);
                if (!name.endsWith("_bucket") && !name.endsWith("_total")) {
                    line = line.substring(0, exemplar) + (line.endsWith("\n") ? "\n" : "");
                }
            }
            out.append(line);
            start = end;
        }
        return out.toString();
    }
}
