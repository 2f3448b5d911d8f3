package io.caas.web.input;

import java.util.regex.Pattern;

import io.caas.web.error.ApiException;

/**
 * The one shape of every client-chosen or platform id (tenant, conversation, client_msg_id, key id): 1 to 128
 * letters, digits, '.', '_', ':' or '-'. No control characters, no NUL, no '/', nothing a database, a label or a
 * path could misread. It lives here because every service answers HTTP through this module, auth included (which
 * has no Kafka); common-kafka's event contract uses the same pattern. {@link #REGEX} is a constant so Bean
 * Validation annotations can name it.
 */
public final class Ids {

    public static final String REGEX = "[A-Za-z0-9._:-]{1,128}";

    /** The message Bean Validation and the event contract give for an id that does not match. */
    public static final String RULE = "must be 1-128 characters of letters, digits, '.', '_', ':' or '-'";

    private static final Pattern PATTERN = Pattern.compile(REGEX);

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }

    /** Returns {@code id}, or throws 400 {@code invalid_request} naming the parameter. */
    public static String require(String name, String id) {
        if (!isValid(id)) {
            throw new ApiException(400, "invalid_request", name + " " + RULE + ".");
        }
        return id;
    }
}
