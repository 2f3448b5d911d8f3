package io.caas.metrics.scrape;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

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
 * Exemplars stay on histogram {@code _bucket} lines only, where Grafana's latency panels show them, for two reasons:
 * <ul>
 * <li>size, for as long as the body matters: Micrometer also writes them on counter {@code _total} lines, valid
 * OpenMetrics that no dashboard reads, at about 100 bytes each (10,000 counters: 1.6 MB with them, 0.66 MB without);
 * <li>compatibility, only with Prometheus before 2.43 (the local run's Debian package is 2.42): Micrometer writes
 * them on histogram {@code _count} lines too, which those versions reject by failing the whole scrape ("metric name
 * ... does not support exemplars"). Prometheus 2.43 and later accept exemplars on every metric type; once every
 * Prometheus that scrapes the services is that new, this reason is gone and only the size reason keeps the filter.
 * </ul>
 */
@ApplicationScoped
public class OpenMetricsScrape {

    private static final String OPENMETRICS = "application/openmetrics-text";
    private static final String TEXT = "text/plain";
    private static final String BUCKET = "_bucket";

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
    String scrape(String contentType) throws IOException {
        StringBuilderWriter body = new StringBuilderWriter();
        registry.scrape(body, contentType);
        return contentType.equals(TextFormat.CONTENT_TYPE_OPENMETRICS_100) ? withExemplarsOnBucketsOnly(body.toString()) : body.toString();
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

    /** Drops the exemplar of every sample line that is not a histogram bucket, leaving the sample itself. */
    static String withExemplarsOnBucketsOnly(String openMetrics) {
        StringBuilder kept = new StringBuilder(openMetrics.length());
        int copied = 0;
        for (int line = 0, end; line < openMetrics.length(); line = end + 1) {
            end = openMetrics.indexOf('\n', line);
            end = end < 0 ? openMetrics.length() : end;
            if (openMetrics.startsWith("#", line)) {
                continue;
            }
            int nameEnd = line;
            while (nameEnd < end && openMetrics.charAt(nameEnd) != '{' && openMetrics.charAt(nameEnd) != ' ') {
                nameEnd++;
            }
            int exemplar = openMetrics.startsWith(BUCKET, nameEnd - BUCKET.length()) ? -1 : exemplarStart(openMetrics, nameEnd, end);
            if (exemplar >= 0) {
                kept.append(openMetrics, copied, exemplar);
                copied = end;
            }
        }
        return kept.append(openMetrics, copied, openMetrics.length()).toString();
    }

    /**
     * Where the exemplar ({@code " # {...} value"}) of the line ending at {@code end} starts, or -1. The labels are
     * skipped quote by quote: their values come from clients (tenant ids) and may hold {@code " # {"} themselves.
     */
    private static int exemplarStart(String text, int nameEnd, int end) {
        int i = nameEnd;
        if (i < end && text.charAt(i) == '{') {
            boolean quoted = false;
            for (i++; i < end && (quoted || text.charAt(i) != '}'); i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                }
            }
        }
        for (; i < end; i++) {
            if (text.charAt(i) == '#') {
                return i - 1;
            }
        }
        return -1;
    }

    /** StringWriter's StringBuffer locks on each of a scrape's many small writes, which doubled a 10,000-series scrape's time. */
    private static final class StringBuilderWriter extends Writer {

        private final StringBuilder text = new StringBuilder();

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
        }

        @Override
        public void write(String string, int offset, int length) {
            text.append(string, offset, offset + length);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
