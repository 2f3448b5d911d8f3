package io.caas.k8s.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.caas.k8s.Monitoring;

/** Building blocks of the generated dashboards, in the shape of the hand-written ones in grafana/dashboards. */
final class Dashboards {

    static final String DEPLOYS = "count by (exported_service, version) (caas_build_info{namespace=~\"$namespace\"})"
            + " unless count by (exported_service, version) (caas_build_info{namespace=~\"$namespace\"} offset 2m)";

    private Dashboards() {
    }

    /** uid, title, the data source and namespace variables, deploy annotations and links to the other dashboards. */
    static ObjectNode skeleton(String uid, String title, String description) {
        ObjectNode d = Monitoring.JSON.createObjectNode();
        d.put("uid", uid).put("title", title).put("description", description);
        d.putArray("tags").add("caas");
        d.put("editable", false).put("schemaVersion", 39).put("version", 1).put("timezone", "utc").put("refresh", "1m");
        d.putObject("time").put("from", "now-24h").put("to", "now");
        d.put("graphTooltip", 1);
        ObjectNode deploys = d.putObject("annotations").putArray("list").addObject();
        deploys.put("name", "Deploys").put("enable", true).put("iconColor", "blue");
        datasource(deploys);
        deploys.put("expr", DEPLOYS).put("step", "1m").put("titleFormat", "deploy").put("textFormat", "{{exported_service}} {{version}}")
                .put("tagKeys", "exported_service,version");
        d.putArray("links").addObject().put("title", "CAAS dashboards").put("type", "dashboards").put("asDropdown", true)
                .put("includeVars", true).put("keepTime", true).putArray("tags").add("caas");
        ArrayNode variables = d.putObject("templating").putArray("list");
        ObjectNode source = variables.addObject().put("name", "datasource").put("label", "Data source").put("type", "datasource")
                .put("query", "prometheus").put("hide", 0);
        source.putObject("current").put("text", "Prometheus").put("value", "prometheus");
        String namespaces = "label_values(up{job=\"caas-pods\"}, namespace)";
        ObjectNode namespace = variables.addObject().put("name", "namespace").put("label", "namespace").put("type", "query");
        datasource(namespace);
        namespace.putObject("query").put("query", namespaces).put("refId", "namespace");
        namespace.put("definition", namespaces).put("refresh", 2).put("includeAll", true).put("multi", true).put("allValue", ".*");
        namespace.putObject("current").put("text", "All").put("value", "$__all");
        namespace.put("sort", 1).put("hide", 0);
        return d;
    }

    static ObjectNode stat(ArrayNode panels, String title, String unit, int x, int y, int w, int h) {
        ObjectNode panel = panel(panels, "stat", title, unit, x, y, w, h);
        ObjectNode options = panel.putObject("options");
        options.putObject("reduceOptions").put("fields", "").put("values", false).putArray("calcs").add("lastNotNull");
        options.put("colorMode", "value").put("graphMode", "none").put("textMode", "auto");
        panel.with("fieldConfig").with("defaults").putObject("color").put("mode", "thresholds");
        return panel;
    }

    static ObjectNode timeseries(ArrayNode panels, String title, String unit, int x, int y, int w, int h) {
        return panel(panels, "timeseries", title, unit, x, y, w, h);
    }

    private static ObjectNode panel(ArrayNode panels, String type, String title, String unit, int x, int y, int w, int h) {
        ObjectNode panel = panels.addObject().put("type", type).put("title", title);
        datasource(panel);
        ObjectNode fieldConfig = panel.putObject("fieldConfig");
        fieldConfig.putObject("defaults").put("unit", unit);
        fieldConfig.putArray("overrides");
        panel.putArray("targets");
        panel.put("id", panels.size());
        panel.putObject("gridPos").put("h", h).put("w", w).put("x", x).put("y", y);
        return panel;
    }

    static ObjectNode target(ObjectNode panel, String expr, String legend) {
        ArrayNode targets = panel.withArray("targets");
        ObjectNode target = targets.addObject().put("refId", String.valueOf((char) ('A' + targets.size() - 1)));
        datasource(target);
        return target.put("expr", expr).put("legendFormat", legend);
    }

    /** A query evaluated once at the dashboard's end time: what a stat shows, without a range query. */
    static void instant(ObjectNode panel, String expr, String legend) {
        target(panel, expr, legend).put("instant", true).put("range", false);
    }

    /** Explicit steps, colour below the first value first: {@code thresholds(p, "red", 0.99, "green")}. */
    static void thresholds(ObjectNode panel, Object... colorsAndValues) {
        ObjectNode thresholds = panel.with("fieldConfig").with("defaults").putObject("thresholds").put("mode", "absolute");
        ArrayNode steps = thresholds.putArray("steps");
        steps.addObject().put("color", (String) colorsAndValues[0]).putNull("value");
        for (int i = 1; i < colorsAndValues.length; i += 2) {
            steps.addObject().put("color", (String) colorsAndValues[i + 1]).put("value", ((Number) colorsAndValues[i]).doubleValue());
        }
    }

    private static void datasource(ObjectNode node) {
        node.putObject("datasource").put("type", "prometheus").put("uid", "${datasource}");
    }

    static String json(ObjectNode dashboard) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return Monitoring.JSON.writer(printer).writeValueAsString(dashboard) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
