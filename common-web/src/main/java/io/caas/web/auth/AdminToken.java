package io.caas.web.auth;

import java.security.MessageDigest;

/** An administrator's or operator's token (from a Secret), checked for strength at boot, compared in constant time. */
public final class AdminToken {

    private final byte[] digest;

    /** The token configured as {@code setting}; a weak or missing one fails the boot (see {@link SecretStrength}). */
    public AdminToken(String setting, String token) {
        this.digest = Sha256.of(SecretStrength.require(setting, token));
    }

    /**
     * Whether {@code credential} is this token. Comparing digests makes the time independent of where, and
     * whether by length, the two differ.
     */
    public boolean matches(String credential) {
        return MessageDigest.isEqual(digest, Sha256.of(credential));
    }
}
