package io.caas.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** An administrator's or operator's token (from a Secret), checked for strength at boot, compared in constant time. */
public final class AdminToken {

    private final byte[] digest;

    /** The token configured as {@code setting}; a weak or missing one fails the boot (see {@link SecretStrength}). */
    public AdminToken(String setting, String token) {
        this.digest = sha256(SecretStrength.require(setting, token));
    }

    /**
     * Whether {@code credential} is this token. Comparing digests makes the time independent of where, and
     * whether by length, the two differ.
     */
    public boolean matches(String credential) {
        return MessageDigest.isEqual(digest, sha256(credential));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
