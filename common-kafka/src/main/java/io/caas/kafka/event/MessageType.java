package io.caas.kafka.event;

import java.util.Locale;
import java.util.Optional;

/** The kinds of message the platform carries; {@link #wire()} is the name on the API and in events. */
public enum MessageType {
    TEXT, IMAGE, FILE, SYSTEM;

    /** Every wire name, as a regular expression for Bean Validation. */
    public static final String REGEX = "text|image|file|system";

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type with this wire name, if it is one. */
    public static Optional<MessageType> fromWire(String name) {
        for (MessageType type : values()) {
            if (type.wire().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
