package io.caas.metrics.probe;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.caas.metrics.MetricsConfig;
import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.metrics.meter.MeterFamily;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;

/** Runs every {@link DependencyProbe} bean on a schedule and records up/down and latency per dependency. */
@ApplicationScoped
public class DependencyProbes {

    private static final Logger LOG = Logger.getLogger(DependencyProbes.class);

    private final Instance<DependencyProbe> probes;
    private final MetricsConfig config;
    private final CatalogMeters meters;
    private final MeterFamily<Timer> durations;
    private final ConcurrentHashMap<String, AtomicInteger> up = new ConcurrentHashMap<>();

    public DependencyProbes(@Any Instance<DependencyProbe> probes, MetricsConfig config, CatalogMeters meters) {
        this.probes = probes;
        this.config = config;
        this.meters = meters;
        this.durations = meters.timers(MetricCatalog.DEPENDENCY_PROBE_DURATION);
    }

    @Scheduled(identity = "caas-dependency-probes", every = "${caas.metrics.probes.interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probeAll() {
        for (DependencyProbe probe : probes) {
            probe(probe);
        }
    }

    /** Whether the last probe of {@code dependency} succeeded; empty before its first probe. */
    public Optional<Boolean> lastResult(String dependency) {
        AtomicInteger state = up.get(dependency);
        return state == null || state.get() < 0 ? Optional.empty() : Optional.of(state.get() == 1);
    }

    /** Probes {@code dependency} now, if a probe of that name exists. */
    public Optional<Boolean> probeNow(String dependency) {
        for (DependencyProbe probe : probes) {
            if (probe.dependency().equals(dependency)) {
                return Optional.of(probe(probe));
            }
        }
        return Optional.empty();
    }

    /** Probes one dependency now and returns whether it is up. */
    public boolean probe(DependencyProbe probe) {
        String dependency = probe.dependency();
        long start = System.nanoTime();
        boolean healthy;
        try {
            probe.check(config.probes().timeout());
            healthy = true;
        } catch (Exception e) {
            healthy = false;
            LOG.debugf(e, "Dependency %s is down", dependency);
        }
        durations.get(dependency).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        AtomicInteger state = up.computeIfAbsent(dependency, this::registerUp);
        int previous = state.getAndSet(healthy ? 1 : 0);
        if (previous != state.get()) {
            LOG.infof("Dependency %s is %s", dependency, healthy ? "up" : "down");
        }
        return healthy;
    }

    private AtomicInteger registerUp(String dependency) {
        AtomicInteger state = new AtomicInteger(-1);
        meters.gauge(MetricCatalog.DEPENDENCY_UP, state, value -> Math.max(0, value.get()), dependency);
        return state;
    }
}
