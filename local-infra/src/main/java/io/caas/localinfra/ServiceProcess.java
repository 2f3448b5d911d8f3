package io.caas.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A service's packaged application ({@code target/quarkus-app/quarkus-run.jar}) run as a child JVM, configured
 * like a pod (system properties and environment) and treated like one: started, stopped with SIGTERM (graceful
 * shutdown), or killed with SIGKILL (as an OOM kill or a node loss would), and started again with the same
 * configuration. Its output goes to a log file, appended across restarts.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final Path log;
    private final Map<String, String> properties;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private Process process;

    /**
     * @param properties system properties ({@code -Dkey=value}), e.g. ports
     * @param environment environment variables, e.g. {@code KAFKA_BOOTSTRAP_SERVERS}, {@code POD_NAME}
     */
    public ServiceProcess(String name, Path jar, Path log, List<String> jvmOptions, Map<String, String> properties,
            Map<String, String> environment) {
        this.name = name;
        this.jar = jar.toAbsolutePath();
        this.log = log.toAbsolutePath();
        this.jvmOptions = List.copyOf(jvmOptions);
        this.properties = new LinkedHashMap<>(properties);
        this.environment = new LinkedHashMap<>(environment);
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The running JVM's process id, e.g. to read its memory from /proc; empty while it is not running. */
    public synchronized OptionalLong pid() {
        return isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    /** Starts the JVM (a no-op while it runs); does not wait for it to be ready. */
    public synchronized ServiceProcess start() {
        if (isAlive()) {
            return this;
        }
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + name + " first (./mvnw package)");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /** SIGKILL, as the kernel's OOM killer or a lost node does: no shutdown hook runs, nothing is flushed. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(10));
        }
    }

    /** SIGTERM and the graceful shutdown it starts, then SIGKILL if that takes longer than {@code grace}. */
    public synchronized void stop(Duration grace) {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!waitForExit(grace)) {
            kill();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    /** Waits until {@code uri} answers 200; fails early if the process exits. */
    public void awaitOk(URI uri, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited while starting; see " + log);
            }
            if (status(uri) == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " did not answer 200 at " + uri + " within " + timeout + "; see " + log);
    }

    /** The HTTP status {@code uri} answers with now, or 0 when nothing answers. */
    public static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
