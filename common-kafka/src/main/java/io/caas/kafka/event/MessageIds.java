package io.caas.kafka.event;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Message ids. A message sent with a {@code client_msg_id} gets a name-based UUID (version 5, RFC 9562) of its
 * tenant and that key under one fixed namespace, so every replica, restart and retry computes the same id and
 * every consumer deduplicates by it; a message without one gets a random id.
 */
public final class MessageIds {

    /** The namespace of message ids derived from client_msg_ids; fixed forever, or ids change meaning. */
    public static final UUID NAMESPACE = UUID.fromString("4b1f3a2e-3c5d-4f6a-9e8b-7c0d1e2f3a4b");

    private MessageIds() {
    }

    /** The id of the message {@code tenant} sends with {@code clientMsgId}; '/' cannot occur in either id. */
    public static String forClientMessage(String tenant, String clientMsgId) {
        return nameBased(NAMESPACE, tenant + "/" + clientMsgId).toString();
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }

    /** A version-5 (SHA-1) name-based UUID of {@code name} in {@code namespace}. */
    static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        ByteBuffer hash = ByteBuffer.wrap(sha1.digest(name.getBytes(StandardCharsets.UTF_8)));
        long high = (hash.getLong() & ~0xF000L) | 0x5000L; // version 5
        long low = (hash.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // the RFC's variant
        return new UUID(high, low);
    }
}
