package io.caas.k8s.monitoring;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.caas.k8s.Monitoring;

/**
 * Writes the SLO rules (recording and alerting) and the SLO dashboard from the specs in k8s/monitoring/slo, so
 * each window's expression is written once here instead of by hand per SLO and window.
 */
final class SloGenerator {

    static final String RUNBOOK = "https://github.com/caas-platform/caas/blob/main/k8s/monitoring/RUNBOOK.md#";
    /** Grafana as the README reaches it (kubectl port-forward service/grafana 3000). */
    static final String GRAFANA = "http://localhost:3000/d/";
    static final String DASHBOARD = "caas-slo";

    /** Page: 2 % of the 30-day budget in 1 h or 5 % in 6 h; ticket: 10 % in 1 d or in 3 d (SRE workbook, table 5-8). */
    private record Burn(String suffix, String severity, String longA, String shortA, double factorA, String longB, String shortB,
            double factorB, String speed, String consequence) {
    }

    private static final List<Burn> BURNS = List.of(
            new Burn("FastBurn", "critical", "1h", "5m", 14.4, "6h", "30m", 6, "fast", "at this rate the 30-day budget is gone within days"),
            new Burn("SlowBurn", "warning", "1d", "2h", 3, "3d", "6h", 1, "steadily", "more than the SLO allows over 30 days"));

    private SloGenerator() {
    }

    static String rules(List<Slo> slos) {
        StringBuilder out = new StringBuilder("""
                # Generated from k8s/monitoring/slo/*.yml by SloRulesTest; do not edit. Regenerate with
                # ./mvnw -pl k8s test -Dtest=SloRulesTest -DwriteSlo=true
                # Per SLO: bad and all events per second over 5m (summed over 30 days for the period's ratio, weighted by
                # traffic and never NaN for a quiet hour), the error ratio over each burn-rate window, the budget left, the
                # objective; then multi-window, multi-burn-rate alerts and an alert for missing SLI inputs.
                groups:
                """);
        for (Slo slo : slos) {
            out.append("  - name: caas-slo-").append(slo.name()).append("\n    rules:\n");
            record(out, slo, "slo:caas_sli_errors:rate5m", slo.badRate("5m"));
            record(out, slo, "slo:caas_sli_total:rate5m", slo.totalRate("5m"));
            record(out, slo, "slo:caas_sli_error:ratio_rate5m", slo.series("slo:caas_sli_errors:rate5m") + " / " + slo.series("slo:caas_sli_total:rate5m"));
            for (String window : Slo.WINDOWS.subList(1, Slo.WINDOWS.size())) {
                record(out, slo, "slo:caas_sli_error:ratio_rate" + window, slo.badRate(window) + "\n  / " + slo.totalRate(window));
            }
            record(out, slo, "slo:caas_sli_error:ratio_rate" + Slo.PERIOD, "sum_over_time(" + slo.series("slo:caas_sli_errors:rate5m") + "[" + Slo.PERIOD
                    + "])\n  / sum_over_time(" + slo.series("slo:caas_sli_total:rate5m") + "[" + Slo.PERIOD + "])");
            record(out, slo, "slo:caas_error_budget_remaining:ratio" + Slo.PERIOD,
                    "1 - " + slo.series("slo:caas_sli_error:ratio_rate" + Slo.PERIOD) + " / " + slo.budgetText());
            out.append("      - record: slo:caas_objective:ratio\n        expr: vector(").append(Slo.number(slo.objective()))
                    .append(")\n        labels:\n          slo: ").append(slo.name()).append("\n          service: ").append(slo.service()).append('\n');
        }
        out.append("  - name: caas-slo-alerts\n    rules:\n");
        for (Slo slo : slos) {
            for (Burn burn : BURNS) {
                String ratio = "slo:caas_sli_error:ratio_rate";
                out.append("      - alert: ").append(slo.alert()).append(burn.suffix()).append("\n        expr: |\n");
                out.append("          (\n            (").append(above(slo, ratio + burn.longA(), burn.factorA())).append(" and ")
                        .append(above(slo, ratio + burn.shortA(), burn.factorA())).append(")\n            or\n            (")
                        .append(above(slo, ratio + burn.longB(), burn.factorB())).append(" and ")
                        .append(above(slo, ratio + burn.shortB(), burn.factorB())).append(")\n          )\n");
                out.append("          and on (namespace, service, slo) ").append(slo.series("slo:caas_sli_total:rate5m")).append(" > ")
                        .append(Slo.number(slo.minimumRate())).append('\n');
                out.append("        labels:\n          severity: ").append(burn.severity()).append('\n');
                annotations(out, slo.title() + " burns its error budget " + burn.speed(),
                        "{{ $value | humanizePercentage }} of " + slo.events() + " in {{ $labels.namespace }} are " + slo.bad()
                                + " (the SLO allows " + Slo.number(slo.budget() * 100) + " %): " + burn.consequence() + ".",
                        (slo.alert() + burn.suffix()).toLowerCase(), "?var-namespace={{ $labels.namespace }}");
            }
            out.append("      - alert: CaasSloSliAbsent\n        expr: ");
            out.append("absent(").append(slo.input()).append(')');
            out.append("\n        for: 15m\n        labels:\n          severity: warning\n          slo: ").append(slo.name()).append('\n');
            annotations(out, "the SLI of " + slo.title().toLowerCase() + " has no data",
                    "No series of " + slo.input() + " for 15 minutes: the " + slo.name()
                            + " SLO cannot be measured and its burn-rate alerts cannot fire.",
                    "caasslosliabsent", "");
        }
        return out.toString();
    }

    private static String above(Slo slo, String series, double factor) {
        return slo.series(series) + " > (" + Slo.number(factor) + " * " + slo.budgetText() + ")";
    }

    private static void record(StringBuilder out, Slo slo, String name, String expr) {
        out.append("      - record: ").append(name).append('\n');
        if (expr.contains("\n")) {
            out.append("        expr: |\n          ").append(expr.replace("\n", "\n          ")).append('\n');
        } else {
            out.append("        expr: ").append(expr).append('\n');
        }
        out.append("        labels:\n          slo: ").append(slo.name()).append('\n');
    }

    private static void annotations(StringBuilder out, String summary, String description, String anchor, String dashboardQuery) {
        out.append("        annotations:\n");
        out.append("          summary: ").append(quoted(summary)).append('\n');
        out.append("          description: ").append(quoted(description)).append('\n');
        out.append("          runbook_url: ").append(RUNBOOK).append(anchor).append('\n');
        out.append("          dashboard_url: ").append(GRAFANA).append(DASHBOARD).append(dashboardQuery).append('\n');
    }

    private static String quoted(String text) {
        try {
            return Monitoring.JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SLO dashboard: per SLO the 30-day SLI and budget left (instant queries on the rules) and its burn rates. */
    static ObjectNode dashboard(List<Slo> slos) {
        ObjectNode dashboard = Dashboards.skeleton(DASHBOARD, "CAAS / SLOs",
                "Service-level objectives over 30 days, from the recording rules generated from k8s/monitoring/slo: "
                        + String.join("; ", slos.stream().map(s -> s.title() + " " + Slo.number(s.objective() * 100) + " %").toList()) + ".");
        ArrayNode panels = dashboard.putArray("panels");
        int y = 0;
        for (Slo slo : slos) {
            String filter = "{slo=\"" + slo.name() + "\", namespace=~\"$namespace\"}";
            ObjectNode sli = Dashboards.stat(panels, slo.title() + ": SLI, last 30 days", "percentunit", 0, y, 6, 6);
            Dashboards.instant(sli, "1 - slo:caas_sli_error:ratio_rate30d" + filter, "{{namespace}}");
            Dashboards.thresholds(sli, "red", slo.objective(), "green");
            sli.with("fieldConfig").with("defaults").put("decimals", 3);
            ObjectNode left = Dashboards.stat(panels, slo.title() + ": error budget left", "percentunit", 6, y, 6, 6);
            Dashboards.instant(left, "slo:caas_error_budget_remaining:ratio30d" + filter, "{{namespace}}");
            Dashboards.thresholds(left, "red", 0, "orange", 0.25, "green");
            ObjectNode burn = Dashboards.timeseries(panels, slo.title() + ": burn rate (1 = budget lasts 30 days)", "short", 12, y, 12, 6);
            for (String window : List.of("5m", "1h", "6h", "3d")) {
                Dashboards.target(burn, "slo:caas_sli_error:ratio_rate" + window + filter + " / " + slo.budgetText(), window + " {{namespace}}");
            }
            Dashboards.thresholds(burn, "green", 1, "orange", 14.4, "red");
            burn.with("fieldConfig").with("defaults").with("custom").put("thresholdsStyle", Monitoring.JSON.createObjectNode().put("mode", "line"));
            y += 6;
        }
        return dashboard;
    }
}
