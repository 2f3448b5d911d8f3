package io.caas.localrun;

import java.nio.file.Path;
import java.util.List;

/**
 * bin/run-local: starts the platform, prints where everything is and how to try it, optionally runs demo
 * traffic ({@code --demo}), and on Ctrl-C stops everything it started.
 */
public final class PlatformMain {

    private PlatformMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean demo = List.of(args).contains("--demo");
        Path runDir = Path.of(".local-run").toAbsolutePath();
        System.out.println("Starting Kafka, PostgreSQL and the four services (logs: " + runDir.resolve("logs") + ")...");
        LocalPlatform platform = LocalPlatform.start(LocalPlatform.Options.defaults(runDir));
        Thread demoThread = new Thread(new DemoTraffic(new PlatformClient(platform)), "demo-traffic");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping...");
            demoThread.interrupt();
            platform.close();
            System.out.println("Stopped.");
        }, "stop-platform"));
        printWelcome(platform);
        if (demo) {
            demoThread.setDaemon(true);
            demoThread.start();
            System.out.println("Demo traffic running: tenants acme, globex, initech; messages, sockets, usage, bad requests.");
        }
        while (platform.exitedService().isEmpty()) {
            Thread.sleep(1000);
        }
        System.out.println(platform.exitedService().get() + " exited unexpectedly; see " + platform.logOf(platform.exitedService().get())
                + ". Stopping the others.");
        System.exit(1);
    }

    private static void printWelcome(LocalPlatform platform) {
        System.out.println();
        System.out.println("Kafka:       " + platform.kafkaBootstrapServers());
        System.out.println("PostgreSQL:  " + platform.postgresJdbcUrl());
        platform.pods().forEach(s -> System.out.printf("%-16s API %s   metrics %s/q/metrics   health %s/q/health%n",
                s.podName(), s.apiUrl(), s.managementUrl(), s.managementUrl()));
        System.out.println(platform.prometheusUrl().map(url -> "Prometheus:  " + url + "  (targets: " + url + "/targets, rules and alerts of k8s/monitoring)")
                .orElse("Prometheus:  not started: no prometheus binary on PATH (Debian/Ubuntu: apt-get install prometheus)"));
        String auth = platform.service("auth").apiUrl();
        String gateway = platform.service("gateway").apiUrl();
        String token = platform.adminToken();
        System.out.println();
        System.out.println("Admin token: " + token + "   (auth's tenant and key admin)");
        System.out.println("Operator token: " + platform.operatorToken() + "   (billing, read-only: any tenant's usage)");
        System.out.println("Try it:");
        System.out.println("  curl -s -X POST " + auth + "/v1/tenants -H 'Authorization: Bearer " + token + "' \\");
        System.out.println("       -H 'Content-Type: application/json' -d '{\"name\":\"acme\"}'     # tenant_id and api_key (shown once)");
        System.out.println("  curl -s -X POST " + auth + "/v1/tokens -H 'X-API-Key: <api_key>'   # access_token (RS256 JWT)");
        System.out.println("  curl -s " + auth + "/.well-known/jwks.json                          # public keys");
        System.out.println("  curl -s -X POST " + gateway + "/v1/messages -H 'Authorization: Bearer <access_token>' \\");
        System.out.println("       -H 'Content-Type: application/json' -d '{\"conversation_id\":\"c1\",\"type\":\"text\",\"body\":\"hi\"}'  # 202 once in Kafka");
        System.out.println("  curl -s " + gateway + "/v1/usage -H 'Authorization: Bearer <access_token>'   # usage metered by billing");
        System.out.println("  WebSocket: ws://127.0.0.1:" + platform.service("socket").apiPort()
                + "/v1/ws?access_token=<access_token>, then send {\"op\":\"subscribe\",\"conversation_id\":\"c1\"}");
        System.out.println("  curl -s " + platform.service("auth").managementUrl() + "/q/metrics | grep ^caas_");
        System.out.println("Ctrl-C stops everything.");
    }
}
