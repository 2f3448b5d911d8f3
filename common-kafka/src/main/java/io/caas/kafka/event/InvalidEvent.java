package io.caas.kafka.event;

/** Why a record is not a message event the platform can process; the reason goes to the dead-letter topic. */
public final class InvalidEvent extends Exception {

    public InvalidEvent(String reason) {
        super(reason, null, false, false);
    }
}
