package io.caas.gateway.usage;

import java.time.LocalDate;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import io.caas.caller.CallerTenant;
import io.caas.web.error.ApiException;
import io.caas.web.input.Dates;
import io.smallrye.common.annotation.Blocking;

/**
 * GET /v1/usage: the caller's own tenant usage, from billing. Dates are checked here, so a request billing could only
 * refuse never reaches it; billing's own answers pass through once, and only an unavailable billing is a 503.
 */
@Path("/v1/usage")
public class UsageResource {

    private static final Logger LOG = Logger.getLogger(UsageResource.class);

    private final CallerTenant caller;
    private final UsageService usage;

    public UsageResource(CallerTenant caller, UsageService usage) {
        this.caller = caller;
        this.usage = usage;
    }

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public Response usage(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        String tenant = caller.require(authorization);
        checkPeriod(from, to);
        UsageService.BillingAnswer answer;
        try {
            answer = usage.usage(tenant, from, to, authorization);
        } catch (UsageService.BillingUnavailable | TimeoutException | CircuitBreakerOpenException e) {
            LOG.debugf(e, "Billing unavailable for usage of %s", tenant);
            throw new ApiException(503, "billing_unavailable", "Usage is unavailable right now; billing did not answer.")
                    .header("Retry-After", 5);
        } catch (UsageService.BillingFailed e) {
            LOG.warnf("Billing failed on usage of %s: %s", tenant, e.getMessage());
            throw new ApiException(502, "billing_error", "Billing could not answer this request.");
        }
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.body()).build();
    }

    private static void checkPeriod(String from, String to) {
        LocalDate first = from == null ? null : Dates.parse("from", from);
        LocalDate last = to == null ? null : Dates.parse("to", to);
        if (first != null && last != null && first.isAfter(last)) {
            throw new ApiException(400, "invalid_request", "from must not be after to");
        }
    }
}
