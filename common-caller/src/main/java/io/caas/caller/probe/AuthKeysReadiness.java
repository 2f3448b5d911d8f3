package io.caas.caller.probe;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.caas.metrics.probe.DependencyProbes;

/**
 * Readiness DOWN until auth's JWKS has answered once: a new replica that could not verify a single token takes no
 * traffic. Once it has, an auth outage does not make the replica unready: tokens are verified with the keys
 * already fetched, and taking every verifier out of service would lock every client out.
 */
@Readiness
@ApplicationScoped
public class AuthKeysReadiness implements HealthCheck {

    private final DependencyProbes probes;
    private volatile boolean reachedOnce;

    public AuthKeysReadiness(DependencyProbes probes) {
        this.probes = probes;
    }

    @Override
    public HealthCheckResponse call() {
        if (!reachedOnce) {
            reachedOnce = probes.lastResult("auth").filter(Boolean::booleanValue)
                    .or(() -> probes.probeNow("auth")).orElse(false);
        }
        return HealthCheckResponse.named("auth-keys").status(reachedOnce)
                .withData("jwks", reachedOnce ? "fetched" : "not reachable yet").build();
    }
}
