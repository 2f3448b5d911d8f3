package io.caas.metrics.scrape;

import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.MIMEHeader;
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
        if (!prefersOpenMetrics(rc)) {
            rc.next();
            return;
        }
        rc.vertx().<String>executeBlocking(() -> withExemplarsOnlyWhereAllowed(registry.scrape(TextFormat.CONTENT_TYPE_OPENMETRICS_100)), false)
                .onSuccess(body -> rc.response().putHeader(HttpHeaders.CONTENT_TYPE, TextFormat.CONTENT_TYPE_OPENMETRICS_100).end(body))
                .onFailure(rc::fail);
    }

    /** True when the client's Accept header (Vert.x orders it by weight) ranks OpenMetrics above the text format. */
    private static boolean prefersOpenMetrics(RoutingContext rc) {
        for (MIMEHeader accepted : rc.parsedHeaders().accept()) {
            String type = accepted.component() + "/" + accepted.subComponent();
            if (type.equals("application/openmetrics-text")) {
                return true;
            }
            if (type.equals("text/plain")) {
                return false;
            }
        }
        return false;
    }

    /** Drops the exemplar of every sample line that is neither a histogram bucket nor a counter total. */
    static String withExemplarsOnlyWhereAllowed(String openMetrics) {
        return openMetrics.lines().map(OpenMetricsScrape::withExemplarOnlyWhereAllowed).collect(Collectors.joining("\n", "", "\n"));
    }

    private static String withExemplarOnlyWhereAllowed(String line) {
        int exemplar = line.startsWith("#") ? -1 : line.indexOf(" # {");
        if (exemplar < 0) {
            return line;
        }
        int labels = line.indexOf('{');
        String name = line.substring(0, labels >= 0 && labels < exemplar ? labels : line.indexOf(' '));
        return name.endsWith("_bucket") || name.endsWith("_total") ? line : line.substring(0, exemplar);
    }
}
