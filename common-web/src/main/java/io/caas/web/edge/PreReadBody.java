package io.caas.web.edge;

import java.io.ByteArrayInputStream;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * Hands a chunked body {@link EdgeFilter} already read (within the limit) to Quarkus REST, which would otherwise
 * find the request ended and see no body. Runs before any other filter and before the body is deserialized.
 */
public class PreReadBody {

    @ServerRequestFilter(priority = 1)
    public void supply(ContainerRequestContext request, RoutingContext rc) {
        Buffer body = rc.get(EdgeFilter.PRE_READ_BODY);
        if (body != null) {
            request.setEntityStream(new ByteArrayInputStream(body.getBytes()));
        }
    }
}
