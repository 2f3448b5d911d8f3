package io.caas.metrics.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Parses a scrape in the Prometheus text or OpenMetrics format into samples, so tests can assert on what
 * Prometheus would see: names, labels, values and exemplars.
 */
public final class PrometheusText {

    /**
     * One sample line.
     *
     * @param exemplarLabels the exemplar's labels (e.g. {@code trace_id}); empty when the line has none
     */
    public record Sample(String name, Map<String, String> labels, double value, Map<String, String> exemplarLabels) {

        public String label(String name) {
            return labels.get(name);
        }
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(parseLine(line));
            }
        }
        return new PrometheusText(samples);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Samples of one series name, e.g. {@code caas_request_duration_seconds_bucket}. */
    public List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** Samples of {@code name} whose labels include all of {@code labels}. */
    public List<Sample> matching(String name, Map<String, String> labels) {
        Predicate<Sample> hasLabels = s -> s.labels().entrySet().containsAll(labels.entrySet());
        return named(name).stream().filter(hasLabels).toList();
    }

    /** The value of the single sample of {@code name} with exactly these labels, or 0 when absent. */
    public double value(String name, Map<String, String> labels) {
        return named(name).stream().filter(s -> s.labels().equals(labels))
                .mapToDouble(Sample::value).findFirst().orElse(0);
    }

    private static Sample parseLine(String line) {
        int nameEnd = 0;
        while (nameEnd < line.length() && line.charAt(nameEnd) != '{' && line.charAt(nameEnd) != ' ') {
            nameEnd++;
        }
        String name = line.substring(0, nameEnd);
        Map<String, String> labels = new LinkedHashMap<>();
        int pos = nameEnd;
        if (pos < line.length() && line.charAt(pos) == '{') {
            pos = parseLabels(line, pos + 1, labels);
        }
        String rest = line.substring(pos).trim();
        Map<String, String> exemplar = new LinkedHashMap<>();
        int hash = rest.indexOf(" # {");
        if (hash >= 0) {
            parseLabels(rest, hash + 4, exemplar);
            rest = rest.substring(0, hash).trim();
        }
        String value = rest.split(" ")[0];
        return new Sample(name, labels, parseValue(value), exemplar);
    }

    /** Reads {@code a="x",b="y"}} from {@code pos} (just after the brace) into {@code into}; returns the index after '}'. */
    private static int parseLabels(String line, int pos, Map<String, String> into) {
        while (line.charAt(pos) != '}') {
            int eq = line.indexOf('=', pos);
            String key = line.substring(pos, eq).trim();
            StringBuilder value = new StringBuilder();
            int i = eq + 2; // skip ="
            while (line.charAt(i) != '"') {
                char c = line.charAt(i);
                if (c == '\\') {
                    char next = line.charAt(++i);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                i++;
            }
            into.put(key, value.toString());
            pos = i + 1;
            if (line.charAt(pos) == ',') {
                pos++;
            }
        }
        return pos + 1;
    }

    private static double parseValue(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }
}
