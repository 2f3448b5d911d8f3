package io.caas.localrun;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * bin/run-local: starts the platform (keeping its state in .local-run/ between runs unless {@code --fresh}),
 * supervises it (whatever exits is restarted with back-off), prints where everything is and a walk-through that
 * runs as printed ({@code --quiet}: only the addresses and tokens), optionally runs demo traffic ({@code --demo}),
 * and on Ctrl-C stops everything it started.
 */
public final class PlatformMain {

    private static final String USAGE = "Usage: bin/run-local [--demo] [--fresh] [--quiet] [--replicas gateway=2,socket=2,billing=2]";

    private PlatformMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> flags = new ArrayList<>();
        Map<String, Integer> replicas = new LinkedHashMap<>();
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--replicas") && i + 1 < args.length) {
                    replicas.putAll(replicas(args[++i]));
                } else if (List.of("--demo", "--fresh", "--quiet").contains(args[i])) {
                    flags.add(args[i]);
                } else {
                    throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
        Path runDir = Path.of(".local-run").toAbsolutePath();
        if (flags.contains("--fresh")) {
            PlatformState.forget(runDir);
        }
        boolean resumed = PlatformState.exists(runDir);
        System.out.println("Starting Kafka, PostgreSQL and the four services (logs: " + runDir.resolve("logs") + ")...");
        LocalPlatform platform = LocalPlatform.start(LocalPlatform.Options.defaults(runDir).withReplicas(replicas));
        byte[] runId = new byte[3];
        new SecureRandom().nextBytes(runId);
        String run = HexFormat.of().formatHex(runId); // names of this run's walk-through and demo tenants
        Thread demoThread = new Thread(new DemoTraffic(new PlatformClient(platform), run), "demo-traffic");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping...");
            demoThread.interrupt();
            platform.close();
            System.out.println("Stopped.");
        }, "stop-platform"));
        printWelcome(platform, resumed);
        if (!flags.contains("--quiet")) {
            printWalkthrough(platform, "walkthrough-" + run);
        }
        if (flags.contains("--demo")) {
            demoThread.setDaemon(true);
            demoThread.start();
            System.out.println("Demo traffic running: tenants " + String.join(", ", DemoTraffic.NAMES.stream().map(n -> n + "-" + run).toList())
                    + "; messages, sockets, usage, bad requests.");
        }
        platform.supervise((name, restarts, backOff) -> System.out.printf("%s exited; restart %d in %d s (%s)%n", name,
                restarts, backOff.toSeconds(), switch (name) {
                    case "kafka" -> "log: " + runDir.resolve("kafka/broker.log");
                    case "postgres" -> "it logs here, on the console";
                    default -> "log: " + platform.logOf(name);
                }));
        System.out.println("Ctrl-C stops everything.");
        Thread.currentThread().join(); // until Ctrl-C; the shutdown hook stops the platform
    }

    /** {@code gateway=2,socket=2}: replicas by service; a service not named runs one. */
    static Map<String, Integer> replicas(String spec) {
        Map<String, Integer> replicas = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] nameAndCount = entry.trim().split("=");
            if (nameAndCount.length != 2 || !LocalPlatform.SERVICES.contains(nameAndCount[0]) || !nameAndCount[1].matches("[1-9]")) {
                throw new IllegalArgumentException("--replicas takes service=count (1-9) of " + LocalPlatform.SERVICES + ", not " + entry);
            }
            replicas.put(nameAndCount[0], Integer.parseInt(nameAndCount[1]));
        }
        return replicas;
    }

    private static void printWelcome(LocalPlatform platform, boolean resumed) {
        System.out.println();
        System.out.println(resumed
                ? "Resumed the platform kept in .local-run/: tenants, keys, usage and tokens as they were (bin/run-local --fresh starts empty)."
                : "A new platform; its state is kept in .local-run/ for the next run (bin/run-local --fresh starts empty).");
        System.out.println("Kafka:       " + platform.kafkaBootstrapServers());
        System.out.println("PostgreSQL:  " + platform.postgresJdbcUrl());
        platform.pods().forEach(s -> System.out.printf("%-16s API %s   metrics %s/q/metrics   health %s/q/health%n",
                s.podName(), s.apiUrl(), s.managementUrl(), s.managementUrl()));
        LocalPlatform.SERVICES.stream().filter(name -> platform.replicas(name).size() > 1).forEach(name -> System.out.printf(
                "caas-%-11s %s   round-robin over its %d replicas, as its Service%n", name, platform.apiUrl(name), platform.replicas(name).size()));
        System.out.println(platform.prometheusUrl().map(url -> "Prometheus:  " + url + "  (targets: " + url + "/targets, rules and alerts of k8s/monitoring)")
                .orElse("Prometheus:  not started: no prometheus binary on PATH (Debian/Ubuntu: apt-get install prometheus)"));
        System.out.println("Admin token:    " + platform.adminToken() + "   (auth's tenant and key admin)");
        System.out.println("Operator token: " + platform.operatorToken() + "   (billing, read-only: any tenant's usage)");
    }

    private static void printWalkthrough(LocalPlatform platform, String tenantName) {
        System.out.println();
        System.out.println("Try it (bash, as printed):");
        Walkthrough.lines(platform, tenantName).forEach(line -> System.out.println("  " + line));
        System.out.println("  # WebSocket: ws://127.0.0.1:" + platform.apiPort("socket")
                + "/v1/ws?access_token=$TOKEN, then send {\"op\":\"subscribe\",\"conversation_id\":\"c1\"}");
        System.out.println("  curl -s " + platform.service("auth").managementUrl() + "/q/metrics | grep ^caas_");
    }
}
