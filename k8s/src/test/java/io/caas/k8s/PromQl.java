package io.caas.k8s;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough PromQL reading to list the metric names an expression selects (promtool checks the syntax). */
public final class PromQl {

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LISTS = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern NAMES = Pattern.compile("(?<![0-9.a-zA-Z_:$])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\(?)");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "bool", "inf", "nan", "atan2");

    private PromQl() {
    }

    /** Grafana's variables replaced by values that make the expression plain PromQL. */
    public static String withoutGrafanaVariables(String expr) {
        return expr.replace("$__rate_interval", "1m").replace("$__interval", "1m").replace("$__range", "1h")
                .replaceAll("\\$\\{?[a-zA-Z_]+}?", ".*");
    }

    public static Set<String> metricNames(String expr) {
        String plain = STRINGS.matcher(expr).replaceAll("\"\"");
        plain = MATCHERS.matcher(plain).replaceAll("");
        plain = RANGES.matcher(plain).replaceAll("");
        plain = LABEL_LISTS.matcher(plain).replaceAll("");
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = NAMES.matcher(plain);
        while (matcher.find()) {
            String name = matcher.group(1);
            boolean function = !matcher.group(2).isEmpty();
            if (!function && !KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
