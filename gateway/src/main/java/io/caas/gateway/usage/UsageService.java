package io.caas.gateway.usage;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Fetches usage from billing, bounded: each call times out, a failed read is retried (it is safe: GET), and
 * a billing that keeps failing opens the circuit so callers get 503 at once instead of waiting.
 */
@ApplicationScoped
public class UsageService {

    /** Billing's answer: status and JSON body, passed to the caller as they are. */
    public record BillingAnswer(int status, String body) {
    }

    /** Billing failed (5xx), so the call is retried and counted by the circuit breaker. */
    public static final class BillingFailed extends RuntimeException {
        BillingFailed(int status) {
            super("billing answered " + status, null, false, false);
        }
    }

    private final BillingClient billing;

    public UsageService(@RestClient BillingClient billing) {
        this.billing = billing;
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = TimeoutException.class) // a slow billing is not waited for twice
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public BillingAnswer usage(String tenantId, String from, String to, String authorization) {
        try (Response response = billing.usage(tenantId, from, to, authorization)) {
            return answer(response);
        } catch (WebApplicationException e) { // the client's default mapper throws for every status >= 400
            return answer(e.getResponse());
        }
    }

    private static BillingAnswer answer(Response response) {
        if (response.getStatus() >= 500) {
            throw new BillingFailed(response.getStatus());
        }
        return new BillingAnswer(response.getStatus(), response.readEntity(String.class));
    }
}
