package io.caas.web.error;

import java.util.LinkedHashMap;
import java.util.Map;

/** A failure with a status and a machine-readable code, rendered as the JSON error shape. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Adds a response header, e.g. {@code Retry-After} on a 429 or 503. */
    public ApiException header(String name, Object value) {
        headers.put(name, String.valueOf(value));
        return this;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
