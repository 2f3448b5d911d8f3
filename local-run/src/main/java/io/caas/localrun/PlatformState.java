package io.caas.localrun;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.caas.localinfra.FileTree;
import io.caas.localinfra.KafkaBroker;

/**
 * What a local platform must keep to be the same platform after a restart, as a cluster keeps its Secrets: the
 * admin and operator tokens, the API-key pepper (without it no stored key verifies), Kafka's ports and credentials
 * (formatted into its data), and auth's signing key (without it no issued token verifies). Kept under
 * {@code <runDir>/state}, readable by the owner only, beside the Kafka and PostgreSQL data. A run that keeps nothing
 * forgets it first and writes new secrets all the same: every auth replica must sign with the one key.
 */
final class PlatformState {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String FILE = "platform.properties";
    private static final String SIGNING_FILE = "auth-signing.properties";
    private static final String KAFKA_PASSWORD = "kafka.password.";

    private final String adminToken;
    private final String operatorToken;
    private final String pepper;
    private final KafkaBroker.Identity kafka;
    private final Path authSigningConfig;

    private PlatformState(String adminToken, String operatorToken, String pepper, KafkaBroker.Identity kafka,
            Path authSigningConfig) {
        this.adminToken = adminToken;
        this.operatorToken = operatorToken;
        this.pepper = pepper;
        this.kafka = kafka;
        this.authSigningConfig = authSigningConfig;
    }

    /** The state kept under {@code runDir}, made (and written, owner-only) on the first run. */
    static PlatformState keptIn(Path runDir) throws IOException {
        Path dir = runDir.resolve("state");
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            ownerOnlyDirectory(dir);
            KafkaBroker.Identity kafka = KafkaBroker.Identity.fresh();
            Properties values = new Properties();
            values.setProperty("admin-token", "local-admin-" + randomHex());
            values.setProperty("operator-token", "local-operator-" + randomHex());
            values.setProperty("api-key-pepper", "local-pepper-" + randomHex());
            values.setProperty("kafka.port", Integer.toString(kafka.port()));
            values.setProperty("kafka.controller-port", Integer.toString(kafka.controllerPort()));
            values.setProperty("kafka.controller-password", kafka.controllerPassword());
            kafka.passwords().forEach((principal, password) -> values.setProperty(KAFKA_PASSWORD + principal, password));
            writeOwnerOnly(dir.resolve(SIGNING_FILE), signingKey());
            writeOwnerOnly(file, values); // last: a run interrupted before this point starts over
        }
        Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            values.load(in);
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        values.stringPropertyNames().stream().filter(key -> key.startsWith(KAFKA_PASSWORD))
                .forEach(key -> passwords.put(key.substring(KAFKA_PASSWORD.length()), values.getProperty(key)));
        KafkaBroker.Identity kafka = new KafkaBroker.Identity(Integer.parseInt(values.getProperty("kafka.port")),
                Integer.parseInt(values.getProperty("kafka.controller-port")), Map.copyOf(passwords),
                values.getProperty("kafka.controller-password"));
        return new PlatformState(values.getProperty("admin-token"), values.getProperty("operator-token"),
                values.getProperty("api-key-pepper"), kafka, dir.resolve(SIGNING_FILE));
    }

    /** Forgets everything kept under {@code runDir}: state, Kafka's and PostgreSQL's data ({@code --fresh}). */
    static void forget(Path runDir) throws IOException {
        for (String kept : new String[] {"state", "kafka", "postgres"}) {
            FileTree.delete(runDir.resolve(kept));
        }
    }

    /** Whether {@code runDir} holds a platform's state from an earlier run. */
    static boolean exists(Path runDir) {
        return Files.exists(runDir.resolve("state").resolve(FILE));
    }

    String adminToken() {
        return adminToken;
    }

    String operatorToken() {
        return operatorToken;
    }

    String pepper() {
        return pepper;
    }

    KafkaBroker.Identity kafka() {
        return kafka;
    }

    /** The configuration file with auth's signing key (auth reads it as k8s mounts its Secret). */
    Path authSigningConfig() {
        return authSigningConfig;
    }

    /** A new RSA key as auth's configuration: {@code caas.auth.signing.keys.<kid>} (PKCS#8 PEM) and the active id. */
    private static Properties signingKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            String keyId = "local-" + LocalDate.now(ZoneOffset.UTC);
            Properties signing = new Properties();
            signing.setProperty("caas.auth.signing.keys." + keyId, pem);
            signing.setProperty("caas.auth.signing.active-key-id", keyId);
            return signing;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is always available", e);
        }
    }

    private static void ownerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    /** Written whole or not at all: to a new owner-only file, then moved over the old one. */
    private static void writeOwnerOnly(Path file, Properties values) throws IOException {
        Path written = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(written);
        Files.createFile(written, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(written)) {
            values.store(out, "CAAS local platform state: secrets, readable by the owner only. bin/run-local --fresh forgets them.");
        }
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String randomHex() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
