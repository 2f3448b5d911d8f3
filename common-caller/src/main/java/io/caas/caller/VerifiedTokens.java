package io.caas.caller;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import io.caas.web.auth.Sha256;

/**
 * Tokens verified once, trusted until their {@code exp}: a client's next request costs a SHA-256 and a lookup, not an
 * RSA verification (21 % of the gateway's CPU under load when every request was verified). Keyed by the token's
 * hash, so the cache holds no usable credential; bounded, so a flood of distinct tokens evicts old ones instead of
 * growing the heap; each entry expires when the verifier would stop accepting the token ({@code exp} plus the allowed
 * clock skew). Revocation is not cached: {@link CallerTenant} checks it on every use.
 */
final class VerifiedTokens {

    private final Cache<ByteBuffer, Caller> byHash;

    VerifiedTokens(long maxSize, Duration clockSkew, Ticker ticker) {
        this.byHash = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .ticker(ticker)
                .expireAfter(Expiry.creating((ByteBuffer hash, Caller caller) ->
                        Duration.between(Instant.now(), caller.expiresAt().plus(clockSkew))))
                .build();
    }

    /** The caller of {@code token}: remembered from an earlier verification, else {@code verify}'s (then remembered). */
    Caller caller(String token, Function<String, Caller> verify) {
        ByteBuffer hash = ByteBuffer.wrap(Sha256.of(token));
        Caller caller = byHash.getIfPresent(hash);
        if (caller == null) {
            caller = verify.apply(token); // outside the cache's lock: an RSA verification must not block a bin
            byHash.put(hash, caller);
        }
        return caller;
    }
}
