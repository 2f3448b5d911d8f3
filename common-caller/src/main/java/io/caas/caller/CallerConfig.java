package io.caas.caller;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where callers' tokens come from and how they are checked, under {@code caas.caller}. */
@ConfigMapping(prefix = "caas.caller")
public interface CallerConfig {

    /** Base URL of auth: its {@code /.well-known/jwks.json} verifies tokens, its revocations refuse them. */
    String authUrl();

    /** The {@code iss} every token must carry. */
    @WithDefault("caas-auth")
    String issuer();

    /** Tolerance for clocks that disagree, on {@code exp} and {@code iat}. */
    @WithDefault("30s")
    Duration clockSkew();

    /**
     * How many verified tokens are remembered until their expiry, so a client's next request skips the RSA
     * verification (about 250 bytes each).
     */
    @WithDefault("10000")
    long verifiedTokenCacheSize();

    Jwks jwks();

    Revocations revocations();

    interface Jwks {
        /** How often auth's public keys are fetched, on a schedule: never on a request's path. */
        @WithDefault("60s")
        Duration refreshInterval();

        /**
         * How long keys fetched once keep verifying tokens while auth cannot be reached: an auth outage shorter
         * than this locks nobody out.
         */
        @WithDefault("24h")
        Duration retainOnError();

        /** A token with a key id we do not know asks for a fetch at most this often (a rotation, or a forgery). */
        @WithDefault("10s")
        Duration minRefreshInterval();
    }

    interface Revocations {
        /** How often auth's recent revocations are fetched: how soon a revoked key's tokens stop working. */
        @WithDefault("2s")
        Duration pollInterval();
    }
}
