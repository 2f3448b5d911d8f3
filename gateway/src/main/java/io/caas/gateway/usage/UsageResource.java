package io.caas.gateway.usage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.caas.caller.CallerTenant;
import io.caas.web.error.ApiException;
import io.smallrye.common.annotation.Blocking;

/** GET /v1/usage: the caller's own tenant usage, from billing. */
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
        UsageService.BillingAnswer answer;
        try {
            answer = usage.usage(tenant, from, to, authorization);
        } catch (RuntimeException e) { // timeout, open circuit, refused connection, 5xx after retries
            LOG.debugf(e, "Billing unavailable for usage of %s", tenant);
            throw new ApiException(503, "billing_unavailable", "Usage is unavailable right now; billing did not answer.")
                    .header("Retry-After", 5);
        }
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.body()).build();
    }
}
