package io.caas.caller;

import java.time.Instant;

/**
 * Who is calling, from a verified access token: the tenant, the API key that minted the token (revoking the key
 * revokes its tokens) and when the token expires.
 */
public record Caller(String tenant, String keyId, Instant expiresAt) {
}
