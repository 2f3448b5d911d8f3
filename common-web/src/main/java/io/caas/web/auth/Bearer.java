package io.caas.web.auth;

import java.util.Optional;

/** Reads {@code Authorization: Bearer <credential>} (the scheme is case-insensitive, RFC 7235). */
public final class Bearer {

    private static final String SCHEME = "Bearer ";

    private Bearer() {
    }

    /** The credential of a Bearer header; empty for a missing header, another scheme or an empty credential. */
    public static Optional<String> credential(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String credential = authorization.substring(SCHEME.length()).strip(); // whitespace only: a NUL is a (bad) credential
        return credential.isEmpty() ? Optional.empty() : Optional.of(credential);
    }
}
