package io.caas.localrun;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.NewTopic;

import io.caas.k8s.Manifests;
import io.caas.k8s.ScrapeConfig;
import io.caas.localinfra.FreePorts;
import io.caas.localinfra.KafkaBroker;
import io.caas.localinfra.PlatformKafka;
import io.caas.localinfra.PostgresServer;
import io.caas.localinfra.ServiceProcess;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.vertx.core.Vertx;

/**
 * The whole platform on this machine: real Kafka and PostgreSQL, the four services as child JVMs of their
 * packaged jars, and Prometheus (when a {@code prometheus} binary is on PATH) with the project's rules, scraping
 * the services through the relabeling of k8s/monitoring as if they were pods. Each service's management port
 * listens on its own loopback address (127.0.0.2, ...), so every target is "pod IP:9000" as in Kubernetes.
 * {@code bin/run-local} and the end-to-end test both start the platform through this class, which lays out the pods,
 * starts and stops the parts in order and waits for readiness; what a pod is configured with is
 * {@link PodConfiguration}'s, the Deployments it plays {@link DevDeployments}', Prometheus {@link LocalPrometheus}'.
 */
public final class LocalPlatform implements AutoCloseable {

    /**
     * One replica of a service, a "pod": where its API and its management port (metrics, health) listen, and the
     * pod name it plays (POD_NAME: socket's server_id, billing's group member, the telemetry resource, the scrape
     * target).
     */
    public record Service(String name, int replica, int apiPort, String managementHost, int managementPort) {
        public String apiUrl() {
            return "http://127.0.0.1:" + apiPort;
        }

        public String managementUrl() {
            return "http://" + managementHost + ":" + managementPort;
        }

        public String podName() {
            return "caas-" + name + "-" + replica;
        }
    }

    /**
     * How to start: state directory, API port per service (where clients reach it: its one replica, or the
     * round-robin front of its several replicas, which then listen on free ports),
     * replicas per service (1 when not named), Prometheus' port (when it is installed and wanted), an optional faster
     * scrape interval, rule files Prometheus loads beside the project's, configuration every service gets on top
     * of its own (e.g. a shorter job schedule in tests), configuration of single pods, by pod name, on top of that,
     * and whether the platform keeps its state (Kafka's and PostgreSQL's data, tokens, pepper, signing key) in
     * {@code runDir} from one run to the next ({@link PlatformState}) or starts empty.
     */
    public record Options(Path runDir, Map<String, Integer> apiPorts, Map<String, Integer> replicas, boolean prometheus,
            int prometheusPort, Optional<Duration> scrapeInterval, List<Path> extraRuleFiles, Map<String, String> properties,
            Map<String, Map<String, String>> podProperties, boolean keepState) {

        /** What bin/run-local uses: each service's API on the port its own configuration names. */
        public static Options defaults(Path runDir) throws IOException {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String service : SERVICES) {
                ports.put(service, Integer.parseInt(Manifests.serviceProperties(service).getProperty("quarkus.http.port")));
            }
            return new Options(runDir, ports, Map.of(), true, 9090, Optional.empty(), List.of(), Map.of(), Map.of(), true);
        }

        /** For tests: every API on a free port, state under {@code runDir}. */
        public static Options onFreePorts(Path runDir, Map<String, Integer> replicas, boolean prometheus,
                Optional<Duration> scrapeInterval, List<Path> extraRuleFiles, Map<String, String> properties) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            SERVICES.forEach(service -> ports.put(service, FreePorts.next()));
            return new Options(runDir, ports, replicas, prometheus, prometheus ? FreePorts.next() : 0, scrapeInterval,
                    extraRuleFiles, properties, Map.of(), false);
        }

        /** The same, with {@code properties} for the pod {@code podName} only, e.g. one replica measured without a feature. */
        public Options withPodProperties(String podName, Map<String, String> properties) {
            Map<String, Map<String, String>> pods = new LinkedHashMap<>(podProperties);
            pods.put(podName, Map.copyOf(properties));
            return new Options(runDir, apiPorts, replicas, prometheus, prometheusPort, scrapeInterval, extraRuleFiles,
                    this.properties, Map.copyOf(pods), keepState);
        }

        /** The same, with {@code replicas} of the services named there (1 of the others). */
        public Options withReplicas(Map<String, Integer> replicas) {
            return new Options(runDir, apiPorts, Map.copyOf(replicas), prometheus, prometheusPort, scrapeInterval, extraRuleFiles,
                    properties, podProperties, keepState);
        }

        /** The same, keeping the platform's state in {@code runDir} between runs, as bin/run-local does. */
        public Options keepingState() {
            return new Options(runDir, apiPorts, replicas, prometheus, prometheusPort, scrapeInterval, extraRuleFiles,
                    properties, podProperties, true);
        }

        int replicasOf(String service) {
            return replicas.getOrDefault(service, 1);
        }
    }

    /** The services, in start order. */
    public static final List<String> SERVICES = List.of("auth", "gateway", "socket", "billing");

    static final List<String> DATABASES = List.of("auth", "billing");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Options options;
    private final Map<String, List<Service>> services = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>(); // by pod name
    private final PlatformState state;
    private final Map<String, Deployment> deployments;
    private final String namespace;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private LocalPrometheus prometheus;
    private Supervisor supervisor;
    private Vertx vertx;
    private final List<ServiceFront> fronts = new ArrayList<>();

    private LocalPlatform(Options options) throws IOException {
        this.options = options;
        // A run that keeps nothing starts empty; so does data whose secrets are gone (or an older launcher's): it cannot
        // be resumed. Either way the secrets are written, as every auth replica must sign with the same key.
        if (!options.keepState() || !PlatformState.exists(options.runDir())) {
            PlatformState.forget(options.runDir());
        }
        this.state = PlatformState.keptIn(options.runDir());
        String managementPort = Manifests.commonMetricsDefaults().getProperty("quarkus.management.port");
        int host = 2;
        for (Map.Entry<String, Integer> entry : options.apiPorts().entrySet()) {
            List<Service> replicas = new ArrayList<>();
            int count = options.replicasOf(entry.getKey());
            for (int replica = 0; replica < count; replica++) {
                // One replica listens on the service's port; several listen on their own, behind a front there.
                int apiPort = count == 1 ? entry.getValue() : FreePorts.next();
                replicas.add(new Service(entry.getKey(), replica, apiPort, "127.0.0." + host++, Integer.parseInt(managementPort)));
            }
            services.put(entry.getKey(), List.copyOf(replicas));
        }
        deployments = DevDeployments.read(SERVICES);
        namespace = DevDeployments.namespace(deployments);
    }

    /** Starts everything and waits until every service is ready (and Prometheus, if installed). */
    public static LocalPlatform start(Options options) throws IOException, InterruptedException, SQLException {
        LocalPlatform platform = new LocalPlatform(options);
        try {
            platform.startInfra();
            platform.startFronts();
            platform.startServices();
            if (options.prometheus() && prometheusInstalled()) {
                platform.startPrometheus();
            }
            return platform;
        } catch (IOException | InterruptedException | SQLException | RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    public static boolean prometheusInstalled() {
        return LocalPrometheus.installed();
    }

    /** Where clients reach {@code service}: its front when it has several replicas, else its one replica. */
    public String apiUrl(String service) {
        return "http://127.0.0.1:" + apiPort(service);
    }

    public int apiPort(String service) {
        return options.apiPorts().get(service);
    }

    /** The first replica of each service, by name. */
    public Map<String, Service> services() {
        Map<String, Service> first = new LinkedHashMap<>();
        services.forEach((name, replicas) -> first.put(name, replicas.get(0)));
        return first;
    }

    /** The first replica of a service. */
    public Service service(String name) {
        return services.get(name).get(0);
    }

    public List<Service> replicas(String name) {
        return services.get(name);
    }

    /** Every replica of every service. */
    public List<Service> pods() {
        return services.values().stream().flatMap(List::stream).toList();
    }

    /** The process of one replica, e.g. to kill it with SIGKILL and start it again as Kubernetes would. */
    public ServiceProcess process(Service pod) {
        return processes.get(pod.podName());
    }

    /**
     * The Deployment whose pod template {@code service} plays: the dev overlay's when kubectl renders it, else the
     * base's (e.g. its container's resource limits).
     */
    public Deployment deployment(String service) {
        return deployments.get("caas-" + service);
    }

    public String adminToken() {
        return state.adminToken();
    }

    /** billing's read-only operator token: any tenant's usage and invoices, nothing in auth. */
    public String operatorToken() {
        return state.operatorToken();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public String postgresJdbcUrl() {
        return postgres.jdbcUrl();
    }

    /**
     * The Kubernetes namespace the targets carry: the dev overlay's (the scrape job keeps only the platform's
     * namespace), read from its kustomization when kubectl cannot render it.
     */
    public String namespace() {
        return namespace;
    }

    public Optional<String> prometheusUrl() {
        return prometheus == null ? Optional.empty() : Optional.of(prometheus.url());
    }

    /**
     * From now on restart whatever exits — a service's pod, Kafka, PostgreSQL — after a back-off, as Kubernetes
     * would, telling {@code report}; the others keep running. {@link #close()} stops supervising before it stops
     * anything.
     */
    void supervise(Supervisor.Report report) {
        if (supervisor != null) {
            throw new IllegalStateException("already supervised");
        }
        List<Supervisor.Supervised> supervised = new ArrayList<>();
        supervised.add(new Supervisor.Supervised("postgres", postgres::isRunning, postgres::restart));
        supervised.add(new Supervisor.Supervised("kafka", kafka::isRunning, kafka::start));
        processes.forEach((pod, process) -> supervised.add(new Supervisor.Supervised(pod, process::isAlive, process::start)));
        supervisor = new Supervisor(supervised, report);
    }

    /** How often the supervisor restarted {@code name} (a pod name, "kafka" or "postgres"); 0 when not supervised. */
    public int restarts(String name) {
        return supervisor == null ? 0 : supervisor.restarts(name);
    }

    public Path logOf(String name) {
        return options.runDir().resolve("logs").resolve(name + ".log");
    }

    public Path logOf(Service pod) {
        return logOf(pod.podName());
    }

    private void startInfra() throws IOException, SQLException {
        Files.createDirectories(options.runDir().resolve("logs"));
        Path postgresDir = options.runDir().resolve("postgres");
        postgres = PostgresServer.resuming(postgresDir).start();
        for (String database : DATABASES) {
            postgres.createDatabase(database);
        }
        checkTopics();
        Path kafkaDir = options.runDir().resolve("kafka");
        kafka = KafkaBroker.resuming(kafkaDir, state.kafka()).start();
    }

    /**
     * The broker set up the platform's topics and ACLs ({@link PlatformKafka}, as the dev overlay's Job does); a topic a
     * service names that is not among them would have no partitions and no ACL: stop here and say so.
     */
    private void checkTopics() throws IOException {
        Set<String> named = new TreeSet<>();
        for (String service : services.keySet()) {
            Properties config = Manifests.serviceProperties(service);
            config.stringPropertyNames().stream().filter(key -> !key.startsWith("%") && key.endsWith("topic"))
                    .map(config::getProperty).forEach(named::add);
        }
        Set<String> platform = new TreeSet<>(PlatformKafka.topics(1).stream().map(NewTopic::name).toList());
        if (!platform.containsAll(named)) {
            throw new IllegalStateException("Services name topics " + named + " but the platform sets up " + platform
                    + ": add them to PlatformKafka (and to k8s' dev-infra Job)");
        }
    }

    /** A round-robin front on the service's port for each service with several replicas, as its Service would be. */
    private void startFronts() throws IOException, InterruptedException {
        for (Map.Entry<String, List<Service>> service : services.entrySet()) {
            if (service.getValue().size() > 1) {
                if (vertx == null) {
                    vertx = Vertx.vertx();
                }
                fronts.add(ServiceFront.start(vertx, apiPort(service.getKey()), service.getValue().stream().map(Service::apiPort).toList()));
            }
        }
    }

    private void startServices() throws IOException, InterruptedException {
        PodConfiguration configuration = new PodConfiguration(options, state, kafka, postgres, namespace, apiUrl("auth"), apiUrl("billing"));
        for (Service service : pods()) {
            ServiceProcess process = new ServiceProcess(service.podName(),
                    Manifests.REPO.resolve(service.name()).resolve("target/quarkus-app/quarkus-run.jar"), logOf(service),
                    JvmMemory.options(service.name(), deployments.get("caas-" + service.name())), configuration.properties(service),
                    configuration.environment(service));
            processes.put(service.podName(), process.start());
        }
        for (Service service : pods()) {
            awaitReady(service);
        }
    }

    /** Waits until {@code pod} is ready, e.g. after it was started again. */
    public void awaitReady(Service pod) throws InterruptedException {
        process(pod).awaitOk(URI.create(pod.managementUrl() + "/q/health/ready"), START_TIMEOUT);
    }

    private void startPrometheus() throws IOException, InterruptedException {
        List<ScrapeConfig.Pod> pods = new ArrayList<>();
        deployments.forEach((name, deployment) -> {
            for (Service service : services.get(name.substring("caas-".length()))) {
                pods.add(new ScrapeConfig.Pod(deployment.getSpec().getTemplate(), service.podName(), service.managementHost(), namespace, "Running"));
            }
        });
        prometheus = LocalPrometheus.start(options.runDir().resolve("prometheus"), options.prometheusPort(), pods,
                options.extraRuleFiles(), options.scrapeInterval(), logOf("prometheus"), START_TIMEOUT);
    }

    /** Stops Prometheus, then the services (SIGTERM: graceful shutdown), then Kafka and PostgreSQL. */
    @Override
    public void close() {
        if (supervisor != null) {
            supervisor.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        fronts.forEach(ServiceFront::close);
        if (vertx != null) {
            vertx.close();
        }
        processes.values().forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }
}
