package io.caas.caller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final VerifiedTokens tokens = new VerifiedTokens(1_000, Duration.ofSeconds(30), clock);

    @Test
    void aVerifiedTokenIsFoundAgainUntilItsExpiryPlusTheClockSkew() {
        Caller caller = new Caller("tenant-a", "key-1", NOW.plusSeconds(900));
        tokens.put("token-a", caller);

        assertThat(tokens.get("token-a")).contains(caller);
        clock.now = NOW.plusSeconds(929);
        assertThat(tokens.get("token-a")).contains(caller);
        clock.now = NOW.plusSeconds(930);
        assertThat(tokens.get("token-a")).isEmpty();
    }

    @Test
    void onlyTheSameTokenMatches() {
        tokens.put("token-a", new Caller("tenant-a", "key-1", NOW.plusSeconds(900)));

        assertThat(tokens.get("token-b")).isEmpty();
        assertThat(tokens.get("token-a ")).isEmpty();
    }

    @Test
    void theCacheIsBounded() {
        VerifiedTokens small = new VerifiedTokens(10, Duration.ZERO, clock);
        for (int i = 0; i < 1_000; i++) {
            small.put("token-" + i, new Caller("t", "k", NOW.plusSeconds(900)));
        }
        long kept = java.util.stream.IntStream.range(0, 1_000).filter(i -> small.get("token-" + i).isPresent()).count();
        assertThat(kept).isLessThanOrEqualTo(20); // Caffeine evicts asynchronously, close to the bound
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
