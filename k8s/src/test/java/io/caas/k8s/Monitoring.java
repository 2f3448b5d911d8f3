package io.caas.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The files of k8s/monitoring the checks and the end-to-end test read: rules, rule tests, dashboards. */
public final class Monitoring {

    public static final Path DIR = Manifests.K8S.resolve("monitoring");
    public static final Path RULES = DIR.resolve("prometheus/rules");
    public static final Path RULE_TESTS = DIR.resolve("prometheus/tests");
    public static final Path DASHBOARDS = DIR.resolve("grafana/dashboards");
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    public static final ObjectMapper JSON = new ObjectMapper();

    /** A rule of a rule file: its name (record or alert), expression and the whole node. */
    public record Rule(String name, boolean alert, String expr, JsonNode node) {
    }

    /** A query of a dashboard panel. */
    public record PanelQuery(String dashboard, String panel, String expr) {
    }

    private Monitoring() {
    }

    public static List<Path> ruleFiles() throws IOException {
        return files(RULES, ".rules.yml");
    }

    public static List<Path> ruleTestFiles() throws IOException {
        return files(RULE_TESTS, ".test.yml");
    }

    public static List<Path> dashboardFiles() throws IOException {
        return files(DASHBOARDS, ".json");
    }

    public static List<Rule> rules() throws IOException {
        List<Rule> rules = new ArrayList<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    boolean alert = rule.has("alert");
                    rules.add(new Rule(rule.path(alert ? "alert" : "record").asText(), alert, rule.path("expr").asText(), rule));
                }
            }
        }
        return rules;
    }

    public static List<PanelQuery> panelQueries() throws IOException {
        List<PanelQuery> queries = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new PanelQuery(dashboard.path("uid").asText(), panel.path("title").asText(), target.path("expr").asText()));
                }
            }
        }
        return queries;
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
