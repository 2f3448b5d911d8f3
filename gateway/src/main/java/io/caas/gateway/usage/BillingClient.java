package io.caas.gateway.usage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Billing's usage API; the caller's own token is forwarded, so billing checks the tenant again. */
@RegisterRestClient(configKey = "billing")
@Path("/v1/tenants")
public interface BillingClient {

    @GET
    @Path("/{tenant_id}/usage")
    @Produces(MediaType.APPLICATION_JSON)
    Response usage(@PathParam("tenant_id") String tenantId, @QueryParam("from") String from, @QueryParam("to") String to,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
