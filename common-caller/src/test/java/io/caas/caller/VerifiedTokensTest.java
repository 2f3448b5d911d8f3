package io.caas.caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.caas.web.error.ApiException;

class VerifiedTokensTest {

    private final AtomicLong nanos = new AtomicLong();
    private final VerifiedTokens tokens = new VerifiedTokens(1_000, Duration.ofSeconds(30), nanos::get);
    private final AtomicInteger verifications = new AtomicInteger();

    @Test
    void aTokenIsVerifiedOnceUntilItsExpiryPlusTheClockSkew() {
        Caller caller = new Caller("tenant-a", "key-1", Instant.now().plusSeconds(900));
        Function<String, Caller> verify = counting(caller);

        assertThat(tokens.caller("token-a", verify)).isEqualTo(caller);
        assertThat(tokens.caller("token-a", verify)).isEqualTo(caller);
        assertThat(verifications).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(925).toNanos());
        tokens.caller("token-a", verify);
        assertThat(verifications).as("still within exp + skew").hasValue(1);
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        tokens.caller("token-a", verify);
        assertThat(verifications).as("verified again after exp + skew").hasValue(2);
    }

    @Test
    void onlyTheSameTokenIsFound() {
        Function<String, Caller> verify = counting(new Caller("tenant-a", "key-1", Instant.now().plusSeconds(900)));
        tokens.caller("token-a", verify);
        tokens.caller("token-b", verify);
        tokens.caller("token-a ", verify);
        assertThat(verifications).hasValue(3);
    }

    @Test
    void aRefusedTokenIsNotRemembered() {
        Function<String, Caller> refuse = token -> {
            verifications.incrementAndGet();
            throw new ApiException(401, "invalid_token", "no");
        };
        assertThatThrownBy(() -> tokens.caller("forged", refuse)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> tokens.caller("forged", refuse)).isInstanceOf(ApiException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void theCacheIsBounded() {
        VerifiedTokens small = new VerifiedTokens(10, Duration.ZERO, nanos::get);
        Function<String, Caller> verify = counting(new Caller("t", "k", Instant.now().plusSeconds(900)));
        IntStream.range(0, 1_000).forEach(i -> small.caller("token-" + i, verify));
        verifications.set(0);
        IntStream.range(0, 1_000).forEach(i -> small.caller("token-" + i, verify));
        assertThat(verifications.get()).as("Caffeine evicts asynchronously, close to the bound").isGreaterThanOrEqualTo(980);
    }

    private Function<String, Caller> counting(Caller caller) {
        return token -> {
            verifications.incrementAndGet();
            return caller;
        };
    }
}
