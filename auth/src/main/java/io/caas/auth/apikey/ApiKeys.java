package io.caas.auth.apikey;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.caas.auth.config.AuthConfig;
import io.caas.web.auth.SecretStrength;
import io.quarkus.runtime.Startup;

/**
 * API keys look like {@code ck_<key id>_<secret>}: the key id (16 hex chars) is public and finds the row,
 * the secret (32 random bytes) is only ever stored as HMAC-SHA256 under the configured pepper. Built at boot, so
 * a missing or weak pepper stops auth at start.
 */
@Startup
@ApplicationScoped
public class ApiKeys {

    /** A key as handed to its owner, once. */
    public record IssuedKey(String keyId, String plaintext, byte[] secretHash) {
    }

    /** The two parts of a presented key. */
    public record PresentedKey(String keyId, String secret) {
    }

    private static final Pattern FORMAT = Pattern.compile("ck_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec pepper;

    public ApiKeys(AuthConfig config) {
        String pepperText = SecretStrength.require("caas.auth.api-key-pepper", config.apiKeyPepper());
        this.pepper = new SecretKeySpec(pepperText.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public IssuedKey generate() {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String keyId = HexFormat.of().formatHex(id);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new IssuedKey(keyId, "ck_" + keyId + "_" + secretText, hash(secretText));
    }

    /** The key's parts, or empty when it is not shaped like a key at all. */
    public Optional<PresentedKey> parse(String presented) {
        Matcher matcher = FORMAT.matcher(presented.trim());
        return matcher.matches() ? Optional.of(new PresentedKey(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    /** Constant-time check of a secret against a stored hash. */
    public boolean matches(String secret, byte[] storedHash) {
        return MessageDigest.isEqual(hash(secret), storedHash);
    }

    byte[] hash(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
