package io.caas.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real single-node Kafka (KRaft, broker and controller in one process) from the kafka_2.13 jars, run in a
 * child JVM so the broker's Scala dependencies never meet the application's classpath. It runs as the platform's
 * Kafka runs everywhere: SASL/SCRAM with a principal per service and ACLs ({@link PlatformKafka}), its topics
 * created and auto-creation off. Data and the broker
 * log live under {@code dataDir}; a new broker starts empty, wiping what an earlier one left there — unless it is
 * given the {@link Identity} of the broker that wrote the data (ports and credentials), which then carries on
 * with it. {@link #stop()} and {@link #start()} may be called repeatedly: a restart keeps the port and the data,
 * as a real broker restart would.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static final String MECHANISM = "SCRAM-SHA-512";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What a broker's data is bound to: its ports and the credentials formatted into its metadata — a password per
     * principal (PlatformKafka's services and admin) and the controller's.
     */
    public record Identity(int port, int controllerPort, Map<String, String> passwords, String controllerPassword) {

        /** New ports and passwords, for a broker that starts empty. */
        public static Identity fresh() {
            Map<String, String> passwords = new LinkedHashMap<>();
            passwords.put(PlatformKafka.ADMIN, randomPassword());
            PlatformKafka.SERVICES.forEach(principal -> passwords.put(principal, randomPassword()));
            return new Identity(FreePorts.next(), FreePorts.next(), Map.copyOf(passwords), randomPassword());
        }
    }

    private final Path dataDir;
    private final Identity identity;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> passwords;
    private final String controllerPassword;
    private Process process;
    private boolean formatted;

    /** A broker that starts empty, on new ports, with new credentials. */
    public KafkaBroker(Path dataDir) {
        this(dataDir, Identity.fresh(), false);
    }

    /**
     * A broker that carries on with the data an earlier broker of the same {@code identity} left in {@code dataDir}
     * (or starts empty there if there is none), e.g. a local platform started again.
     */
    public static KafkaBroker resuming(Path dataDir, Identity identity) {
        return new KafkaBroker(dataDir, identity, Files.exists(dataDir.resolve("logs").resolve("meta.properties")));
    }

    private KafkaBroker(Path dataDir, Identity identity, boolean formatted) {
        this.dataDir = dataDir.toAbsolutePath();
        this.identity = identity;
        this.port = identity.port();
        this.controllerPort = identity.controllerPort();
        this.passwords = identity.passwords();
        this.controllerPassword = identity.controllerPassword();
        this.formatted = formatted;
    }

    /** Ports and credentials, to start a broker on this one's data later ({@link #resuming}). */
    public Identity identity() {
        return identity;
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * How {@code principal} (a service of {@link PlatformKafka#SERVICES}, or {@link PlatformKafka#ADMIN}) connects:
     * bootstrap servers, SASL_PLAINTEXT and SCRAM-SHA-512 with its credentials, as Kafka client properties.
     */
    public Map<String, String> clientProperties(String principal) {
        String password = passwords.get(principal);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka principal " + principal + "; known: " + passwords.keySet());
        }
        return Map.of(
                "bootstrap.servers", bootstrapServers(),
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", jaas(principal, password));
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The same as environment variables, as a pod gets them from its Secret (Quarkus reads KAFKA_* as kafka.*). */
    public Map<String, String> environment(String principal) {
        Map<String, String> env = new LinkedHashMap<>();
        clientProperties(principal).forEach((key, value) -> env.put("KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        return env;
    }

    /** Starts the broker and returns once it answers admin requests. */
    public synchronized KafkaBroker start() {
        if (isRunning()) {
            return this;
        }
        try {
            Path config = writeConfig();
            boolean fresh = !formatted;
            if (fresh) {
                FileTree.delete(dataDir.resolve("logs"));
                format(config);
                formatted = true;
            }
            process = java(List.of("kafka.Kafka", config.toString()), dataDir.resolve("broker.log"))
                    .start();
            awaitReady();
            if (fresh) {
                setUpPlatform();
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start; see " + dataDir.resolve("broker.log"), e);
        }
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 30 s) and waits until its port is closed. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Freezes the broker (SIGSTOP): connections stay open and requests already sent are handled when it thaws, so
     * a client that timed out waiting may still see its write land — the late acknowledgement of a real outage.
     */
    public synchronized void pause() {
        signal("STOP");
    }

    /** Thaws a {@link #pause paused} broker (SIGCONT). */
    public synchronized void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        if (!isRunning()) {
            throw new IllegalStateException("Kafka is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An admin client for this broker, as the super user; the caller closes it. */
    public Admin admin() {
        Properties props = new Properties();
        props.putAll(clientProperties(PlatformKafka.ADMIN));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(props);
    }

    /** The platform's topics and ACLs, as k8s' dev-infra Job creates them; they survive restarts. */
    private void setUpPlatform() throws IOException {
        try (Admin admin = admin()) {
            admin.createTopics(PlatformKafka.topics(3)).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(PlatformKafka.acls()).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("Setting up the platform's topics and ACLs failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private Path writeConfig() throws IOException {
        Files.createDirectories(dataDir);
        // Clients authenticate with SCRAM (credentials bootstrapped at format time, as in the dev-infra broker);
        // the controller listener with PLAIN (SCRAM's credentials live in the metadata the controller serves).
        // StandardAuthorizer denies whatever no ACL allows.
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=SASL_PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=SASL_PLAINTEXT",
                "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                "sasl.enabled.mechanisms=" + MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + MECHANISM,
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config="
                        + jaas(PlatformKafka.ADMIN, passwords.get(PlatformKafka.ADMIN)),
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"controller\" password=\"" + controllerPassword + "\" user_controller=\"" + controllerPassword + "\";",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + PlatformKafka.ADMIN + ";User:controller",
                "allow.everyone.if.no.acl.found=false",
                "log.dirs=" + dataDir.resolve("logs"),
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.flush.interval.messages=1",
                "") ;
        Path file = dataDir.resolve("server.properties");
        Files.deleteIfExists(file);
        // It holds the admin's and the controller's passwords: readable by the owner only.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, config, StandardCharsets.UTF_8);
        return file;
    }

    private void format(Path config) throws IOException {
        List<String> format = new ArrayList<>(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
                "--cluster-id", clusterId(), "--config", config.toString()));
        passwords.forEach((principal, password) -> format.addAll(List.of("--add-scram",
                MECHANISM + "=[name=" + principal + ",password=" + password + "]")));
        Process storage = java(format, dataDir.resolve("format.log")).start();
        try {
            if (!storage.waitFor(60, TimeUnit.SECONDS) || storage.exitValue() != 0) {
                throw new IOException("kafka-storage format failed: " + Files.readString(dataDir.resolve("format.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while formatting Kafka storage", e);
        }
    }

    // KRaft cluster ids are 16 random bytes in URL-safe base64 without padding; like Kafka's own Uuid, never
    // one that starts with '-', which the storage tool would read as an option.
    private static String clusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16)
                    .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Kafka exited with " + process.exitValue() + ": " + tail(dataDir.resolve("broker.log")));
            }
            if (portOpen() && clusterAnswers()) {
                return;
            }
            sleep(200);
        }
        stop();
        throw new IOException("Kafka did not become ready within " + START_TIMEOUT);
    }

    private boolean portOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean clusterAnswers() {
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the next sleep ends the wait: whoever interrupted wants it over
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private ProcessBuilder java(List<String> mainAndArgs, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", brokerClasspath()));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    }

    private static String brokerClasspath() throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-broker.classpath")) {
            if (in == null) {
                throw new IOException("kafka-broker.classpath is missing: build local-infra with Maven first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\"" + password + "\";";
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }
}
