package io.caas.gateway.usage;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Fetches usage from billing, bounded: each call times out, and the retry and the circuit breaker react to billing's
 * health only — a refused or reset connection, a timeout, a 503 — never to what a request asked. Billing's 4xx and
 * 500 answer that one request (billing is up and answering), so they are neither retried nor counted: one tenant's
 * requests cannot open the circuit for everyone. Input-aware rather than per-tenant, because an outage is the same
 * for every tenant and should open one circuit, while an input failure must open none.
 */
@ApplicationScoped
public class UsageService {

    /** Billing's answer: status and JSON body, passed to the caller as they are. */
    public record BillingAnswer(int status, String body) {
    }

    /** Billing is down, unreachable or shedding load (503): retried, and counted by the circuit breaker. */
    public static final class BillingUnavailable extends RuntimeException {
        BillingUnavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Billing answered this request with a 5xx other than 503: not retried, not counted. */
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
    @Retry(maxRetries = 2, delay = 100, retryOn = BillingUnavailable.class) // a slow billing is not waited for twice
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            failOn = { BillingUnavailable.class, TimeoutException.class })
    public BillingAnswer usage(String tenantId, String from, String to, String authorization) {
        try (Response response = billing.usage(tenantId, from, to, authorization)) {
            return answer(response);
        } catch (WebApplicationException e) { // the client's default mapper throws for every status >= 400
            return answer(e.getResponse());
        } catch (ProcessingException e) { // refused, reset or unresolvable: billing is not there
            throw new BillingUnavailable(e.getMessage());
        }
    }

    private static BillingAnswer answer(Response response) {
        int status = response.getStatus();
        if (status == 503) {
            throw new BillingUnavailable("billing answered 503");
        }
        if (status >= 500) {
            throw new BillingFailed(status);
        }
        return new BillingAnswer(status, response.readEntity(String.class));
    }
}
