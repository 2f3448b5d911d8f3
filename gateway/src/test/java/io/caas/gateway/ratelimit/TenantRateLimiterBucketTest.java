package io.caas.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.caas.gateway.ratelimit.TenantRateLimiter.Bucket;

/**
 * The per-tenant token bucket. Time is set by back-dating the bucket's last refill; the rates are slow enough that
 * the real time a test takes (far below a second) cannot add a token.
 */
class TenantRateLimiterBucketTest {

    private static final double ONE_PER_SECOND = 1 / 1e9; // tokens per nanosecond
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void aFullBucketAdmitsTheBurstAtOnceThenRefuses() {
        Bucket bucket = new Bucket(5, System.nanoTime());
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.take(ONE_PER_SECOND, 5)).as("message %d of the burst", i + 1).isZero();
        }
        assertThat(bucket.take(ONE_PER_SECOND, 5)).isPositive();
    }

    @Test
    void refillsOneTokenPerSecondAtOnePerSecond() {
        Bucket bucket = new Bucket(0, System.nanoTime() - 3 * SECOND); // emptied three seconds ago
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.take(ONE_PER_SECOND, 5)).as("message %d", i + 1).isZero();
        }
        assertThat(bucket.take(ONE_PER_SECOND, 5)).isPositive();
    }

    @Test
    void neverHoldsMoreThanTheBurstHoweverLongItWasIdle() {
        Bucket bucket = new Bucket(0, System.nanoTime() - Duration.ofHours(1).toNanos());
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.take(ONE_PER_SECOND, 5)).as("message %d", i + 1).isZero();
        }
        assertThat(bucket.take(ONE_PER_SECOND, 5)).isPositive();
    }

    @Test
    void aRefusalSaysHowLongUntilTheNextToken() {
        double fourPerSecond = 4 / 1e9;
        Bucket bucket = new Bucket(1, System.nanoTime());
        assertThat(bucket.take(fourPerSecond, 1)).isZero();
        // at most a quarter second; less by however long this thread was held up between the two calls
        assertThat(bucket.take(fourPerSecond, 1)).isBetween(Duration.ofMillis(150).toNanos(), Duration.ofMillis(250).toNanos());
    }

    @Test
    void isIdleSinceItsLastRequestAdmittedOrRefused() {
        long tenMinutes = Duration.ofMinutes(10).toNanos();
        double onePerHour = 1 / 3600e9;
        Bucket bucket = new Bucket(0, System.nanoTime() - tenMinutes);
        assertThat(bucket.idleSince(System.nanoTime())).isGreaterThanOrEqualTo(tenMinutes);
        assertThat(bucket.take(onePerHour, 5)).as("a sixth of a token after ten minutes").isPositive();
        assertThat(bucket.idleSince(System.nanoTime())).isLessThan(SECOND);
    }
}
