package io.caas.localrun;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.caas.k8s.Monitoring;
import io.caas.k8s.ScrapeConfig;
import io.caas.k8s.Tools;
import io.caas.localinfra.FileTree;
import io.caas.localinfra.ServiceProcess;

/**
 * Prometheus as a child process with the project's rules, scraping the local pods through k8s/monitoring's
 * relabeling as if they were Kubernetes pods (their targets written for file_sd), fresh on every start.
 */
final class LocalPrometheus implements AutoCloseable {

    private final Process process;
    private final int port;

    private LocalPrometheus(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static boolean installed() {
        return Tools.onPath("prometheus");
    }

    /** Starts it in {@code dir} (emptied first: no series of an earlier run) and waits until it is ready. */
    static LocalPrometheus start(Path dir, int port, List<ScrapeConfig.Pod> pods, List<Path> extraRuleFiles,
            Optional<Duration> scrapeInterval, Path log, Duration timeout) throws IOException, InterruptedException {
        FileTree.delete(dir);
        Files.createDirectories(dir);
        Path targets = dir.resolve("targets.json");
        ScrapeConfig.writeTargets(targets, pods);
        Path config = dir.resolve("prometheus.yml");
        List<Path> ruleFiles = new ArrayList<>(Monitoring.ruleFiles());
        ruleFiles.addAll(extraRuleFiles);
        Files.writeString(config, ScrapeConfig.withFileSd(targets, ruleFiles, List.of(), scrapeInterval));
        ProcessBuilder builder = new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--enable-feature=exemplar-storage,expand-external-labels",
                "--web.enable-lifecycle").redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("POD_NAME", "prometheus-local");
        LocalPrometheus prometheus = new LocalPrometheus(builder.start(), port);
        try {
            prometheus.awaitReady(log, timeout);
        } catch (InterruptedException | RuntimeException e) {
            prometheus.close();
            throw e;
        }
        return prometheus;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady(Path log, Duration timeout) throws InterruptedException {
        URI ready = URI.create(url() + "/-/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited while starting; see " + log);
            }
            if (ServiceProcess.status(ready) == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("prometheus was not ready within " + timeout + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
