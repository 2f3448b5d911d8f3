package io.caas.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformStateTest {

    @TempDir
    Path runDir;

    @Test
    void theSecondRunFindsTheFirstRunsSecretsReadableByTheOwnerOnly() throws Exception {
        PlatformState first = PlatformState.keptIn(runDir);
        PlatformState second = PlatformState.keptIn(runDir);

        assertThat(second.adminToken()).isEqualTo(first.adminToken());
        assertThat(second.operatorToken()).isEqualTo(first.operatorToken());
        assertThat(second.pepper()).isEqualTo(first.pepper());
        assertThat(second.kafka()).isEqualTo(first.kafka());
        assertThat(second.authSigningConfig()).isEqualTo(first.authSigningConfig()).exists();
        Path state = runDir.resolve("state");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
        try (var files = Files.list(state)) {
            assertThat(files).isNotEmpty().allSatisfy(file ->
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-------"));
        }
    }

    @Test
    void authsSigningConfigurationHoldsOneRsaKeyThatIsActive() throws Exception {
        Properties signing = new Properties();
        try (Reader in = Files.newBufferedReader(PlatformState.keptIn(runDir).authSigningConfig())) {
            signing.load(in);
        }
        String keyId = signing.getProperty("caas.auth.signing.active-key-id");
        String pem = signing.getProperty("caas.auth.signing.keys." + keyId);
        byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));

        assertThat(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der))).isInstanceOf(RSAPrivateCrtKey.class);
    }

    @Test
    void forgettingStartsOverWithNewSecretsAndNoData() throws Exception {
        PlatformState first = PlatformState.keptIn(runDir);
        Files.createDirectories(runDir.resolve("kafka/logs"));
        Files.createDirectories(runDir.resolve("postgres/data"));

        PlatformState.forget(runDir);

        assertThat(PlatformState.exists(runDir)).isFalse();
        assertThat(runDir.resolve("kafka")).doesNotExist();
        assertThat(runDir.resolve("postgres")).doesNotExist();
        assertThat(PlatformState.keptIn(runDir).adminToken()).isNotEqualTo(first.adminToken());
    }
}
