package io.caas.auth.admin;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Applies {@link AdminOnly}: Quarkus REST runs request filters before it reads and validates the body. */
public class AdminOnlyFilter {

    private final AdminGuard admin;

    public AdminOnlyFilter(AdminGuard admin) {
        this.admin = admin;
    }

    @AdminOnly
    @ServerRequestFilter
    public void requireAdmin(ContainerRequestContext request) {
        admin.require(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    }
}
