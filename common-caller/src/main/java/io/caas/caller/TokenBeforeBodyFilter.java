package io.caas.caller;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Verifies the token of requests to {@link TokenBeforeBody} resources; Quarkus REST reads bodies after filters. */
public class TokenBeforeBodyFilter {

    private final CallerTenant caller;

    public TokenBeforeBodyFilter(CallerTenant caller) {
        this.caller = caller;
    }

    @TokenBeforeBody
    @ServerRequestFilter
    public void verify(ContainerRequestContext request) {
        caller.verify(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    }
}
