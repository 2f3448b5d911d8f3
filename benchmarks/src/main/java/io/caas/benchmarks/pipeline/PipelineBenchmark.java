package io.caas.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.caas.k8s.Manifests;
import io.caas.localrun.LocalPlatform;
import io.caas.localrun.PlatformClient;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * The pipeline benchmark (BENCHMARKS.md): starts the local platform with the per-tenant rate limit out of the way,
 * measures closed-loop throughput of a bare Kafka producer and of the gateway at the same concurrency, then
 * offers open-loop POST → WebSocket load at rising rates, reads each service's memory at idle and after the load,
 * prints the tables and writes them into BENCHMARKS.md. Run by {@code -Dbench=pipeline} (see {@link PipelineSettings}).
 */
public final class PipelineBenchmark {

    // Far above any offered rate: the benchmark measures the pipeline, not the limiter (which still runs).
    private static final Map<String, String> RATE_LIMIT_OUT_OF_THE_WAY = Map.of(
            "caas.gateway.rate-limit.per-second", "1000000",
            "caas.gateway.rate-limit.burst", "1000000");
    // Closed-loop messages go to a conversation no socket subscribes to: both paths then cost socket the same.
    private static final String CLOSED_LOOP_CONVERSATION = "closed-loop";
    // Started services settle (JIT, first scheduled jobs) before their idle memory is read.
    private static final Duration SETTLE = Duration.ofSeconds(10);
    // Connections to the gateway: the closed loop's senders, and room for the open loop's requests in flight.
    private static final int GATEWAY_CONNECTIONS = 256;
    // A JVM on two shared cores compiles the gateway's request path for longer than a 10 s warm-up: measured cold,
    // the gateway did 1,730 msg/s in its first closed loop and 3,630 in the same loop a minute later.
    private static final Duration GATEWAY_JIT_WARMUP = Duration.ofSeconds(45);
    // Idle, the platform keeps ~10 % of the cores busy (scheduled jobs, probes, consumer polls).
    private static final double QUIET_SHARE = 0.25;
    // A second gateway and auth that do not record HTTP metrics, for the cost of recording; the first ones record.
    private static final Map<String, Integer> SECOND_REPLICAS = Map.of("gateway", 2, "auth", 2);
    private static final String UNRECORDED_GATEWAY = "caas-gateway-1";
    private static final String UNRECORDED_AUTH = "caas-auth-1";
    private static final int COST_ROUNDS = 2;
    private static final Duration COST_WARMUP = Duration.ofSeconds(3);
    private static final Duration COST_MEASURED = Duration.ofSeconds(10);
    private static final Duration QUIET_TIMEOUT = Duration.ofMinutes(3);

    private PipelineBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run(PipelineSettings.fromSystemProperties());
            System.exit(0);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // also ends Vert.x' threads; the shutdown hook stops the platform
        }
    }

    private static void run(PipelineSettings settings) throws Exception {
        Path runDir = Manifests.REPO.resolve("benchmarks/target/pipeline-run");
        System.out.println("Starting Kafka, PostgreSQL and the four services (logs: " + runDir.resolve("logs") + ")...");
        Map<String, String> unrecorded = Map.of(HttpMetricsCost.DISABLED_PROPERTY, "false");
        LocalPlatform platform = LocalPlatform.start(LocalPlatform.Options.onFreePorts(runDir, SECOND_REPLICAS, false, Optional.empty(),
                List.of(), serviceProperties(settings)).withPodProperties(UNRECORDED_GATEWAY, unrecorded)
                .withPodProperties(UNRECORDED_AUTH, unrecorded));
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "stop-platform"));
        Thread.sleep(SETTLE.toMillis());
        Map<String, ProcessMemory> idle = memory(platform);

        Vertx vertx = Vertx.vertx();
        List<LoadTenant> tenants = LoadTenant.create(new PlatformClient(platform), settings.tenants());
        GatewayClient gateway = new GatewayClient(vertx, platform.service("gateway"), Math.max(GATEWAY_CONNECTIONS, settings.senders()));
        String closedLoopBody = new SequencedBody(0, 0).text();
        IntFunction<Future<Boolean>> post = sender -> gateway.post(tenants.get(sender % tenants.size()), CLOSED_LOOP_CONVERSATION,
                closedLoopBody).map(status -> status == 202);

        awaitQuiet();
        System.out.printf("Warming the gateway up: %d s of the closed loop, not measured...%n", GATEWAY_JIT_WARMUP.toSeconds());
        ClosedLoopRun.run("gateway warm-up", settings.senders(), GATEWAY_JIT_WARMUP, Duration.ofSeconds(1), new RequestSenders(post));
        awaitQuiet();
        System.out.printf("Closed loop: bare producer, %d senders, %d s warm-up + %d s...%n", settings.senders(),
                settings.warmup().toSeconds(), settings.closedLoop().toSeconds());
        ClosedLoopRun.Result bare;
        try (BareProducer producer = new BareProducer(platform.kafka(), settings.tenants(), CLOSED_LOOP_CONVERSATION, closedLoopBody,
                settings.lingerMs())) {
            bare = ClosedLoopRun.run("bare producer → Kafka", settings.senders(), settings.warmup(), settings.closedLoop(), producer);
        }
        System.out.printf("  %,.0f msg/s%n", bare.perSecond());
        awaitQuiet();
        System.out.println("Closed loop: gateway...");
        ClosedLoopRun.Result viaGateway = ClosedLoopRun.run("POST /v1/messages → gateway → Kafka", settings.senders(), settings.warmup(),
                settings.closedLoop(), new RequestSenders(post));
        System.out.printf("  %,.0f msg/s%n", viaGateway.perSecond());
        awaitQuiet();
        List<HttpMetricsCost.Result> httpMetricsCost = httpMetricsCost(vertx, platform, post, tenants, closedLoopBody, settings);

        List<String> conversations = IntStream.range(0, settings.conversations()).mapToObj(i -> "c" + i).toList();
        OpenLoopRun openLoop = new OpenLoopRun(gateway, tenants, conversations);
        List<OpenLoopRun.Result> steps;
        Map<String, ProcessMemory> afterLoad;
        int socketsClosed;
        try (SocketSubscribers sockets = SocketSubscribers.connect(vertx, platform.service("socket"), tenants, conversations, openLoop)) {
            steps = rateSteps(openLoop, settings);
            afterLoad = memory(platform);
            socketsClosed = sockets.closedByServer();
        }

        List<ResultTable.ServiceMemory> memory = new ArrayList<>();
        for (LocalPlatform.Service pod : platform.pods()) {
            Quantity limit = memoryLimit(platform, pod.name());
            memory.add(new ResultTable.ServiceMemory(pod.podName(), idle.get(pod.podName()), afterLoad.get(pod.podName()),
                    limit.toString(), Quantity.getAmountInBytes(limit).longValueExact()));
        }
        String tables = ResultTable.markdown(new ResultTable.Results(Instant.now(), machine(), PipelineSettings.command(), settings,
                bare, viaGateway, httpMetricsCost, steps, socketsClosed, memory));
        System.out.println();
        System.out.println(tables);
        Path page = Manifests.REPO.resolve("BENCHMARKS.md");
        BenchmarksPage.write(page, tables);
        System.out.println("Written into " + page);
    }

    /**
     * POST /v1/messages on the gateway and GET /.well-known/jwks.json on auth (a trivial endpoint: keys from memory),
     * each against its replica that records HTTP metrics and the one that does not, in alternating rounds.
     */
    private static List<HttpMetricsCost.Result> httpMetricsCost(Vertx vertx, LocalPlatform platform, IntFunction<Future<Boolean>> post,
            List<LoadTenant> tenants, String body, PipelineSettings settings) throws InterruptedException {
        System.out.printf("HTTP metrics on/off: each replica warmed, then %d rounds of %d s + %d s per replica...%n", COST_ROUNDS,
                COST_WARMUP.toSeconds(), COST_MEASURED.toSeconds());
        GatewayClient unrecordedGateway = new GatewayClient(vertx, platform.replicas("gateway").get(1), settings.senders());
        IntFunction<Future<Boolean>> unrecordedPost = sender -> unrecordedGateway.post(tenants.get(sender % tenants.size()),
                CLOSED_LOOP_CONVERSATION, body).map(status -> status == 202);
        return List.of(
                HttpMetricsCost.measure("POST /v1/messages", settings.senders(), COST_ROUNDS, COST_WARMUP, COST_MEASURED, post,
                        unrecordedPost, PipelineBenchmark::awaitQuiet),
                HttpMetricsCost.measure("GET /.well-known/jwks.json", settings.senders(), COST_ROUNDS, COST_WARMUP, COST_MEASURED,
                        jwks(vertx, platform.replicas("auth").get(0), settings.senders()),
                        jwks(vertx, platform.replicas("auth").get(1), settings.senders()), PipelineBenchmark::awaitQuiet));
    }

    private static IntFunction<Future<Boolean>> jwks(Vertx vertx, LocalPlatform.Service auth, int connections) {
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(auth.apiPort())
                .setMaxPoolSize(connections).setKeepAlive(true));
        return sender -> client.get("/.well-known/jwks.json").send().map(answer -> answer.statusCode() == 200);
    }

    /** Billing metering the previous phase's messages into PostgreSQL must not be counted against the next. */
    private static void awaitQuiet() throws InterruptedException {
        if (!MachineCpu.awaitQuiet(QUIET_SHARE, QUIET_TIMEOUT)) {
            System.out.printf("  (the machine stayed over %.0f %% busy for %d s; measuring anyway)%n", 100 * QUIET_SHARE,
                    QUIET_TIMEOUT.toSeconds());
        }
    }

    /** The open loop's warm-up at the first rate, unmeasured, then each rate in turn. */
    private static List<OpenLoopRun.Result> rateSteps(OpenLoopRun openLoop, PipelineSettings settings) throws InterruptedException {
        System.out.printf("Open loop: warm-up, %d s at %,d msg/s...%n", settings.warmup().toSeconds(), settings.rates().get(0));
        openLoop.run(0, settings.rates().get(0), settings.warmup(), settings.grace());
        List<OpenLoopRun.Result> steps = new ArrayList<>();
        for (int rate : settings.rates()) {
            System.out.printf("Open loop: %,d msg/s for %d s...%n", rate, settings.step().toSeconds());
            OpenLoopRun.Result step = openLoop.run(steps.size() + 1, rate, settings.step(), settings.grace());
            System.out.printf("  p99 %.1f ms, %,d lost, %,d not accepted%n", step.latencyMicros().getValueAtPercentile(99) / 1000.0,
                    step.lost(), step.notAccepted());
            steps.add(step);
        }
        return steps;
    }

    /** Each pod's memory now, by pod name. */
    private static Map<String, String> serviceProperties(PipelineSettings settings) {
        Map<String, String> properties = new HashMap<>(RATE_LIMIT_OUT_OF_THE_WAY);
        properties.put(PipelineSettings.LINGER, Integer.toString(settings.lingerMs()));
        return properties;
    }

    private static Map<String, ProcessMemory> memory(LocalPlatform platform) throws IOException {
        Map<String, ProcessMemory> memory = new LinkedHashMap<>();
        for (LocalPlatform.Service pod : platform.pods()) {
            long pid = platform.process(pod).pid().orElseThrow(() -> new IllegalStateException(pod.podName() + " is not running; see "
                    + platform.logOf(pod)));
            memory.put(pod.podName(), ProcessMemory.of(pid));
        }
        return memory;
    }

    /** The memory limit of the service's container in the Deployment the platform plays. */
    private static Quantity memoryLimit(LocalPlatform platform, String service) {
        List<Container> containers = platform.deployment(service).getSpec().getTemplate().getSpec().getContainers();
        Container container = containers.stream().filter(c -> c.getName().equals(service)).findFirst().orElse(containers.get(0));
        return container.getResources().getLimits().get("memory");
    }

    /** Cores, CPU model, memory and Java of this machine, as the results need them to be read. */
    private static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        long memoryKib = ProcessMemory.kib(Files.readString(Path.of("/proc/meminfo")), "MemTotal");
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB, %s %s", Runtime.getRuntime().availableProcessors(), cpu,
                memoryKib / 1024.0 / 1024.0, System.getProperty("java.vm.name"), System.getProperty("java.version"));
    }
}
