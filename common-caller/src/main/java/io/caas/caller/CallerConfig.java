package io.caas.caller;

import io.smallrye.config.ConfigMapping;

/** Where callers' tokens come from, under {@code caas.caller}. */
@ConfigMapping(prefix = "caas.caller")
public interface CallerConfig {

    /** Base URL of auth; its {@code /.well-known/jwks.json} verifies tokens. */
    String authUrl();
}
