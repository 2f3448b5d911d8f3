package io.caas.auth.tenant;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.net.URI;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.caas.auth.admin.AdminOnly;
import io.caas.auth.apikey.ApiKeyRepository;
import io.caas.auth.apikey.ApiKeys;
import io.caas.web.error.ApiException;
import io.caas.web.input.Ids;

/** Tenant and API key management; every operation needs the admin token, checked before anything else. */
@AdminOnly
@Path("/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

    /** Body of POST /v1/tenants. */
    @RegisterForReflection
    public record NewTenant(
            @NotBlank @Size(min = 3, max = 64)
            @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._-]*", message = "may contain letters, digits, space, '.', '_' and '-', starting with a letter or digit")
            String name) {
    }

    /** A key as shown to its owner, once. */
    @RegisterForReflection
    public record IssuedApiKey(String key_id, String api_key) {
    }

    @RegisterForReflection
    public record CreatedTenant(String tenant_id, String name, String key_id, String api_key) {
    }

    private final TenantRepository tenants;
    private final ApiKeyRepository keyRepository;
    private final ApiKeys apiKeys;

    public TenantResource(TenantRepository tenants, ApiKeyRepository keyRepository, ApiKeys apiKeys) {
        this.tenants = tenants;
        this.keyRepository = keyRepository;
        this.apiKeys = apiKeys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull(message = "a JSON body is required") @Valid NewTenant body) throws SQLException {
        UUID tenantId = UUID.randomUUID();
        ApiKeys.IssuedKey key = apiKeys.generate();
        try {
            tenants.insertWithKey(tenantId, body.name().trim(), key);
        } catch (SQLException e) {
            if (TenantRepository.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new ApiException(409, "tenant_exists", "A tenant with this name already exists.");
            }
            throw e;
        }
        return Response.created(URI.create("/v1/tenants/" + tenantId))
                .entity(new CreatedTenant(tenantId.toString(), body.name().trim(), key.keyId(), key.plaintext()))
                .build();
    }

    @POST
    @Path("/{tenant_id}/api-keys")
    public Response addKey(@PathParam("tenant_id") String tenantId) throws SQLException {
        ApiKeys.IssuedKey key = apiKeys.generate();
        if (!tenants.addKey(tenantUuid(tenantId), key)) {
            throw unknownTenant();
        }
        return Response.status(201).entity(new IssuedApiKey(key.keyId(), key.plaintext())).build();
    }

    @DELETE
    @Path("/{tenant_id}/api-keys/{key_id}")
    public Response revokeKey(@PathParam("tenant_id") String tenantId, @PathParam("key_id") String keyId)
            throws SQLException {
        UUID tenant = tenantUuid(tenantId);
        if (!keyRepository.revoke(tenant, Ids.require("key_id", keyId))) {
            throw new ApiException(404, "unknown_api_key", "This tenant has no API key with that id.");
        }
        return Response.noContent().build();
    }

    /** A malformed id is a 400; a well-formed one that is no tenant's UUID names no tenant: 404. */
    private static UUID tenantUuid(String tenantId) {
        Ids.require("tenant_id", tenantId);
        try {
            return UUID.fromString(tenantId);
        } catch (IllegalArgumentException e) {
            throw unknownTenant();
        }
    }

    private static ApiException unknownTenant() {
        return new ApiException(404, "unknown_tenant", "No tenant has this id.");
    }
}
