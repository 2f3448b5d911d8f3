package io.caas.k8s.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.caas.k8s.Monitoring;

/**
 * One service-level objective as k8s/monitoring/slo/*.yml states it (the Sloth/Pyrra shape: an objective and an SLI
 * as counters of all and of bad or good events), and the PromQL the generated rules are made of.
 */
record Slo(String name, String title, String alert, String service, double objective, String events, String bad,
        double minimumRate, String total, String errors, String good) {

    static final Path DIR = Monitoring.DIR.resolve("slo");
    /** The windows of the multi-window, multi-burn-rate alerts (SRE workbook, ch. 5). */
    static final List<String> WINDOWS = List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d");
    static final String PERIOD = "30d";
    private static final String BY = "sum by (namespace, service) ";

    static List<Slo> all() throws IOException {
        List<Slo> slos = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                JsonNode spec = Monitoring.YAML.readTree(file.toFile());
                JsonNode sli = spec.path("sli");
                Slo slo = new Slo(spec.path("name").asText(), spec.path("title").asText(), spec.path("alert").asText(),
                        spec.path("service").asText(), spec.path("objective").asDouble(), spec.path("events").asText(),
                        spec.path("bad").asText(), spec.path("minimum_rate").asDouble(), sli.path("total").asText(),
                        sli.path("errors").asText(null), sli.path("good").asText(null));
                if (!file.getFileName().toString().equals(slo.name() + ".yml") || (slo.errors() == null) == (slo.good() == null)) {
                    throw new IllegalStateException(file + ": name must be the file name, and the sli either errors or good");
                }
                slos.add(slo);
            }
        }
        return slos;
    }

    /** The error budget: the share of bad events the objective allows. */
    double budget() {
        return Math.round((1 - objective) * 1e9) / 1e9;
    }

    String budgetText() {
        return number(budget());
    }

    /** Bad events per second over a window; a missing bad series (no error yet) is 0, not no data. */
    String badRate(String window) {
        String all = rate(total, window);
        return errors != null ? "(" + rate(errors, window) + "\n    or " + all + " * 0)"
                : "(" + all + "\n    - (" + rate(good, window) + " or " + all + " * 0))";
    }

    String totalRate(String window) {
        return rate(total, window);
    }

    /** The selector of a generated series of this SLO. */
    String series(String name) {
        return name + "{slo=\"" + this.name + "\"}";
    }

    /**
     * The SLI input that must exist: the good bucket (it exists with its histogram, and a changed bucket boundary
     * removes it), else the total (the errors selector legitimately has no series while nothing fails).
     */
    String input() {
        return good != null ? good : total;
    }

    private static String rate(String selector, String window) {
        return BY + "(rate(" + selector + "[" + window + "]))";
    }

    static String number(double value) {
        String text = String.format(Locale.ROOT, "%.6f", value).replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
