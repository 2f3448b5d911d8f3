package io.caas.gateway.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** 128 bits of the SHA-256 of what a message says (conversation, type, body): enough to tell two payloads apart. */
public record Fingerprint(long high, long low) {

    public static Fingerprint of(NewMessage message) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
        // NUL cannot occur in the id and type, so the fields cannot run into each other.
        String fields = message.conversation_id() + '\u0000' + message.type() + '\u0000' + message.body();
        ByteBuffer hash = ByteBuffer.wrap(sha256.digest(fields.getBytes(StandardCharsets.UTF_8)));
        return new Fingerprint(hash.getLong(), hash.getLong());
    }
}
