package io.caas.caller.probe;

import java.net.URI;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.caas.caller.CallerConfig;
import io.caas.metrics.probe.DependencyProbe;
import io.caas.metrics.probe.HttpDependencyProbe;

/** {@code caas_dependency_up{dependency="auth"}} in every service that verifies tokens: auth's JWKS answers. */
@ApplicationScoped
public class AuthKeysProbe implements DependencyProbe {

    private final HttpDependencyProbe jwks;

    public AuthKeysProbe(CallerConfig config) {
        this.jwks = new HttpDependencyProbe("auth", URI.create(config.authUrl() + "/.well-known/jwks.json"));
    }

    @Override
    public String dependency() {
        return jwks.dependency();
    }

    @Override
    public void check(Duration timeout) throws Exception {
        jwks.check(timeout);
    }
}
