package io.caas.metrics.scrape;

import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves /q/metrics in the format the client ranks first ({@link #prefersOpenMetrics(String)}): OpenMetrics, or
 * else the classic text format ({@code text/plain; version=0.0.4}, which carries no exemplars). It replaces Quarkus'
 * handler, which decides by substring and route {@code produces}: Prometheus, whose Accept header lists
 * {@code text/plain} at q=0.5 after OpenMetrics, got the text format; {@code *}{@code /*} and no Accept header got
 * OpenMetrics; {@code application/openmetrics-text; version=1.0.0} alone got a 406.
 * <p>
 * Micrometer also puts an exemplar on a histogram's {@code _count} line, which OpenMetrics does not allow (only
 * {@code _bucket} and counter {@code _total} lines carry exemplars) and Prometheus rejects, failing the whole scrape.
 * Those exemplars are dropped; the buckets keep theirs.
 */
@ApplicationScoped
public class OpenMetricsScrape {

    private static final String OPENMETRICS = "application/openmetrics-text";
    private static final String TEXT = "text/plain";

    private final PrometheusMeterRegistry registry;

    public OpenMetricsScrape(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    void register(@Observes ManagementInterface management) {
        management.router().get("/q/metrics").order(-100).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        String contentType = prefersOpenMetrics(rc.request().getHeader(HttpHeaders.ACCEPT))
                ? TextFormat.CONTENT_TYPE_OPENMETRICS_100
                : TextFormat.CONTENT_TYPE_004;
        rc.vertx().<String>executeBlocking(() -> scrape(contentType), false)
                .onSuccess(body -> rc.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body))
                .onFailure(rc::fail);
    }

    /** The body of /q/metrics in {@code contentType}, one of {@link TextFormat}'s two. */
    String scrape(String contentType) {
        String body = registry.scrape(contentType);
        return contentType.equals(TextFormat.CONTENT_TYPE_OPENMETRICS_100) ? withExemplarsOnlyWhereAllowed(body) : body;
    }

    /**
     * Whether an Accept header ranks OpenMetrics above the classic text format: by weight (q), a tie going to the
     * one listed first. Other types, {@code *}{@code /*} included, do not count, so they get the text format that
     * every tool reads.
     */
    static boolean prefersOpenMetrics(String accept) {
        String preferred = null;
        double preferredWeight = 0;
        for (String range : accept == null ? new String[0] : accept.split(",")) {
            String[] typeAndParameters = range.split(";");
            String type = typeAndParameters[0].trim().toLowerCase(Locale.ROOT);
            double weight = weight(typeAndParameters);
            if ((type.equals(OPENMETRICS) || type.equals(TEXT)) && weight > preferredWeight) {
                preferred = type;
                preferredWeight = weight;
            }
        }
        return OPENMETRICS.equals(preferred);
    }

    private static double weight(String[] typeAndParameters) {
        for (int i = 1; i < typeAndParameters.length; i++) {
            String parameter = typeAndParameters[i].trim();
            if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
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
