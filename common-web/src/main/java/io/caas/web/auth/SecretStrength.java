package io.caas.web.auth;

import java.util.HashMap;
import java.util.Map;

/**
 * The boot check of every secret a service is configured with (admin and operator tokens, the API-key pepper): at
 * least {@value #MIN_LENGTH} characters and an estimated {@value #MIN_BITS} bits of entropy, so "changeme",
 * "admin-admin-admin-admin" or a value pasted twice stops the service at start with a message naming the setting,
 * instead of guarding an API with a guessable token. The estimate is the length times the Shannon entropy of the
 * value's own characters: 32 random hex digits score about 115 bits, a repeated word far less.
 */
public final class SecretStrength {

    public static final int MIN_LENGTH = 24;
    public static final int MIN_BITS = 96;

    private SecretStrength() {
    }

    /** Returns {@code value}, or fails the boot with a message naming {@code setting} and what to do. */
    public static String require(String setting, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(setting + " is not set; give it a random value of at least "
                    + MIN_LENGTH + " characters (e.g. openssl rand -hex 32)");
        }
        if (value.length() < MIN_LENGTH || estimatedBits(value) < MIN_BITS) {
            throw new IllegalStateException(setting + " is too weak (" + value.length() + " characters, about "
                    + Math.round(estimatedBits(value)) + " bits); it needs at least " + MIN_LENGTH + " characters and "
                    + MIN_BITS + " bits — generate one with: openssl rand -hex 32");
        }
        return value;
    }

    /** Length times the Shannon entropy (bits per character) of the value's character distribution. */
    public static double estimatedBits(String value) {
        Map<Integer, Integer> counts = new HashMap<>();
        value.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
        int length = value.codePointCount(0, value.length());
        double bitsPerChar = 0;
        for (int count : counts.values()) {
            double p = (double) count / length;
            bitsPerChar -= p * Math.log(p) / Math.log(2);
        }
        return bitsPerChar * length;
    }
}
