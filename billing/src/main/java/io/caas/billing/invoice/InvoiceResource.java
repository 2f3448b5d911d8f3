package io.caas.billing.invoice;

import java.sql.SQLException;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.caas.billing.access.TenantAccess;

/** GET /v1/tenants/{tenant_id}/invoices: the tenant's closed periods with their lines. */
@Path("/v1/tenants/{tenant_id}/invoices")
public class InvoiceResource {

    private final TenantAccess access;
    private final InvoiceRepository invoices;

    public InvoiceResource(TenantAccess access, InvoiceRepository invoices) {
        this.access = access;
        this.invoices = invoices;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<InvoiceRepository.Invoice> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("tenant_id") String tenantId) throws SQLException {
        access.require(authorization, tenantId);
        return invoices.list(tenantId);
    }
}
