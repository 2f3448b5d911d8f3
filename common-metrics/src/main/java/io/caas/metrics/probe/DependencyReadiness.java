package io.caas.metrics.probe;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.caas.metrics.MetricsConfig;

/**
 * Readiness DOWN while a dependency named in {@code caas.metrics.probes.readiness} was down at its last probe (or
 * before its first one, which this check then runs), so Kubernetes sends no traffic to a replica that can only
 * refuse it. Reads the scheduled probes' results: a health check never waits on a slow dependency twice.
 */
@Readiness
@ApplicationScoped
public class DependencyReadiness implements HealthCheck {

    private final DependencyProbes probes;
    private final Set<String> gating;

    public DependencyReadiness(DependencyProbes probes, MetricsConfig config) {
        this.probes = probes;
        this.gating = config.probes().readiness().orElse(Set.of());
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("dependencies").up();
        for (String dependency : gating) {
            boolean up = probes.lastResult(dependency).or(() -> probes.probeNow(dependency)).orElse(false);
            response.withData(dependency, up ? "up" : "down");
            if (!up) {
                response.down();
            }
        }
        return response.build();
    }
}
