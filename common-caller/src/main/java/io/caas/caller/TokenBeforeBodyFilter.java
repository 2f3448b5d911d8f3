package io.caas.caller;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.ext.web.RoutingContext;

/**
 * Verifies the token of requests to {@link TokenBeforeBody} resources (Quarkus REST reads bodies after filters) and
 * hands the verified caller to the resource: one verification per request.
 */
public class TokenBeforeBodyFilter {

    private static final String CALLER = "caas.caller";

    private final CallerTenant caller;

    public TokenBeforeBodyFilter(CallerTenant caller) {
        this.caller = caller;
    }

    @TokenBeforeBody
    @ServerRequestFilter
    public void verify(ContainerRequestContext request, RoutingContext rc) {
        rc.put(CALLER, caller.verify(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
    }

    /** The caller this filter verified for the current request of a {@link TokenBeforeBody} resource. */
    public static Caller callerOf(RoutingContext rc) {
        Caller verified = rc.get(CALLER);
        if (verified == null) {
            throw new IllegalStateException("only a @TokenBeforeBody resource has a verified caller");
        }
        return verified;
    }
}
