package io.caas.caller;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Tokens verified once, trusted until their {@code exp}: a client's next request costs a SHA-256 and a lookup, not an
 * RSA verification (21 % of the gateway's CPU under load when every request was verified). Keyed by the token's
 * hash, so the cache holds no usable credential; bounded, so a flood of distinct tokens evicts old ones instead of
 * growing the heap. Revocation is not cached: {@link CallerTenant} checks it on every use.
 */
final class VerifiedTokens {

    private final Clock clock;
    private final Duration clockSkew;
    private final Cache<String, Caller> byHash;

    VerifiedTokens(long maxSize, Duration clockSkew, Clock clock) {
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.byHash = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(Expiry.creating((String hash, Caller caller) -> untilExpiry(caller)))
                .build();
    }

    /** The caller of {@code token} if it was verified before and has not expired since. */
    Optional<Caller> get(String token) {
        Caller caller = byHash.getIfPresent(hash(token));
        return caller != null && clock.instant().isBefore(caller.expiresAt().plus(clockSkew))
                ? Optional.of(caller) : Optional.empty();
    }

    void put(String token, Caller caller) {
        byHash.put(hash(token), caller);
    }

    /** As long as the verifier itself would still accept the token: {@code exp} plus the allowed clock skew. */
    private Duration untilExpiry(Caller caller) {
        return Duration.between(clock.instant(), caller.expiresAt().plus(clockSkew));
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
