package io.caas.caller.probe;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.caas.caller.AuthKeys;

/**
 * Readiness DOWN until auth's keys are in hand: a new replica that could not verify a single token takes no traffic.
 * Once they are, an auth outage does not make the replica unready (the keys are kept, see {@link AuthKeys}), since
 * taking every verifier out of service would lock every client out.
 */
@Readiness
@ApplicationScoped
public class AuthKeysReadiness implements HealthCheck {

    private final AuthKeys keys;

    public AuthKeysReadiness(AuthKeys keys) {
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        boolean inHand = keys.inHand();
        return HealthCheckResponse.named("auth-keys").status(inHand).withData("jwks", inHand ? "in hand" : "not fetched yet").build();
    }
}
