package io.caas.auth.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the auth service, under {@code caas.auth}. */
@ConfigMapping(prefix = "caas.auth")
public interface AuthConfig {

    /** Bearer token of the platform administrator (tenant and key management); from a Secret. */
    String adminToken();

    /** Server-side key of the API-key hash: a leaked database alone does not allow offline guessing. */
    String apiKeyPepper();

    Token token();

    Signing signing();

    interface Token {
        /** The {@code iss} claim; gateway and socket accept only this issuer. */
        @WithDefault("caas-auth")
        String issuer();

        /** How long an access token is valid. */
        @WithDefault("15m")
        Duration lifetime();
    }

    interface Signing {
        /** RSA private keys (PKCS#8 PEM) by key id; all of them are published in the JWKS. */
        Map<String, String> keys();

        /** The key id that signs new tokens; required when more than one key is configured. */
        Optional<String> activeKeyId();
    }
}
