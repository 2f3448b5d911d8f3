package io.caas.metrics.catalog;

import java.util.List;
import java.util.stream.Collectors;

/** Renders the catalog as the Markdown reference page {@code common-metrics/METRICS.md}. */
public final class MetricsReference {

    private MetricsReference() {
    }

    /** The reference page for the given definitions. */
    public static String render(List<MetricDefinition> definitions) {
        StringBuilder out = new StringBuilder();
        out.append("# caas_* metric reference\n\n")
                .append("Generated from `io.caas.metrics.catalog.MetricCatalog`; do not edit by hand.\n")
                .append("`MetricsReferenceTest` fails when this page and the catalog disagree; regenerate with\n")
                .append("`./mvnw -pl common-metrics test -Dtest=MetricsReferenceTest -DwriteMetricsReference=true`.\n\n")
                .append("Capped labels keep at most `caas.metrics.label-cap` distinct values per metric (default 100,\n")
                .append("per metric `caas.metrics.label-caps.\"<metric>\"`); further values are recorded as `")
                .append(MetricCatalog.OVERFLOW_VALUE).append("` and counted in `")
                .append(MetricCatalog.LABEL_OVERFLOW.name()).append("`.\n")
                .append("Requests that match no route are recorded with `path=\"").append(MetricCatalog.UNMATCHED_PATH)
                .append("\"`; non-standard HTTP methods with `method=\"").append(MetricCatalog.OTHER_METHOD).append("\"`.\n\n")
                .append("| metric | type | unit | labels | buckets | emitted by | help |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (MetricDefinition def : definitions) {
            out.append("| `").append(def.name()).append("` | ")
                    .append(def.type().prometheusName()).append(" | ")
                    .append(def.baseUnit() == null ? "" : def.baseUnit()).append(" | ")
                    .append(def.labelNames().stream()
                            .map(label -> def.cappedLabels().contains(label) ? label + " (capped)" : label)
                            .collect(Collectors.joining(", "))).append(" | ")
                    .append(def.buckets().stream().map(MetricsReference::formatBound).collect(Collectors.joining(", ")))
                    .append(" | ").append(def.emittedBy()).append(" | ")
                    .append(def.help().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }

    private static String formatBound(double bound) {
        return bound == Math.rint(bound) ? String.valueOf((long) bound) : String.valueOf(bound);
    }
}
