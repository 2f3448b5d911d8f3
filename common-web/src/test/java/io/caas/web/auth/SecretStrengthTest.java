package io.caas.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

class SecretStrengthTest {

    @Test
    void aRandomHexTokenPasses() {
        String token = "9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60";
        assertThat(SecretStrength.require("caas.auth.admin-token", token)).isEqualTo(token);
    }

    @Test
    void aShortTokenFailsNamingTheSetting() {
        assertThatIllegalStateException().isThrownBy(() -> SecretStrength.require("caas.auth.admin-token", "dev-admin-token"))
                .withMessageContaining("caas.auth.admin-token").withMessageContaining("openssl rand");
    }

    @Test
    void aLongButRepetitiveTokenFails() {
        assertThatIllegalStateException().isThrownBy(() -> SecretStrength.require("caas.billing.operator-token",
                "adminadminadminadminadminadmin")).withMessageContaining("too weak");
        assertThatIllegalStateException().isThrownBy(() -> SecretStrength.require("x", "a".repeat(64)));
    }

    @Test
    void aMissingTokenFails() {
        assertThatIllegalStateException().isThrownBy(() -> SecretStrength.require("caas.auth.api-key-pepper", null))
                .withMessageContaining("is not set");
        assertThatIllegalStateException().isThrownBy(() -> SecretStrength.require("caas.auth.api-key-pepper", "  "));
    }

    @Test
    void theEstimateIsLengthTimesShannonEntropy() {
        assertThat(SecretStrength.estimatedBits("abcd")).isEqualTo(8.0);
        assertThat(SecretStrength.estimatedBits("aaaa")).isZero();
    }
}
