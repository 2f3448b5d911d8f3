package io.caas.benchmarks.pipeline;

import java.util.Optional;

/**
 * The body of a benchmark message: which rate step it belongs to and its sequence number in it, padded to a
 * chat-sized {@value #LENGTH} characters. The pushed frame carries the body, so a delivery finds its send time
 * (the intended one, a function of the sequence number) without waiting for the 202, which may come later.
 */
record SequencedBody(int step, int sequence) {

    static final int LENGTH = 100;

    private static final String PREFIX = "step ";
    private static final String SEPARATOR = " message ";

    String text() {
        StringBuilder text = new StringBuilder(LENGTH).append(PREFIX).append(step).append(SEPARATOR).append(sequence).append(' ');
        while (text.length() < LENGTH) {
            text.append('x');
        }
        return text.toString();
    }

    /** The step and sequence number a body names; empty for any other text. */
    static Optional<SequencedBody> parse(String body) {
        if (body == null || !body.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int separator = body.indexOf(SEPARATOR, PREFIX.length());
        int end = separator < 0 ? -1 : body.indexOf(' ', separator + SEPARATOR.length());
        if (end < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SequencedBody(Integer.parseInt(body.substring(PREFIX.length(), separator)),
                    Integer.parseInt(body.substring(separator + SEPARATOR.length(), end))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
