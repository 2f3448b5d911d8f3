package io.caas.metrics.testapp;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.caas.metrics.catalog.MetricCatalog;
import io.caas.metrics.meter.CatalogMeters;
import io.caas.metrics.meter.MeterFamily;
import io.micrometer.core.instrument.Counter;

/** Routes of the test application, shaped like the services' (templates with path parameters). */
@Path("/v1")
public class SampleResource {

    private static final java.util.Set<String> TYPES = java.util.Set.of("text", "image", "file", "system");

    private final MeterFamily<Counter> messagesSent;

    public SampleResource(CatalogMeters meters) {
        this.messagesSent = meters.counters(MetricCatalog.MESSAGES_SENT);
    }

    @GET
    @Path("/items/{id}")
    public String item(@PathParam("id") String id) {
        return "item " + id;
    }

    @GET
    @Path("/tenants/{tenant_id}/usage")
    public String usage(@PathParam("tenant_id") String tenantId) {
        return "usage of " + tenantId;
    }

    @POST
    @Path("/tenants/{tenant_id}/messages")
    public Response send(@PathParam("tenant_id") String tenantId, @QueryParam("type") String type) {
        if (type == null || !TYPES.contains(type)) {
            return Response.status(400).build();
        }
        messagesSent.get(tenantId, type).increment();
        return Response.accepted().build();
    }

    @GET
    @Path("/traced")
    public String traced() {
        return "traced";
    }

    @GET
    @Path("/broken")
    public Response broken() {
        return Response.status(503).build();
    }
}
