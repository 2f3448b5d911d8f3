package io.caas.gateway.message;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.caas.caller.TokenBeforeBody;
import io.caas.caller.TokenBeforeBodyFilter;
import io.caas.gateway.config.GatewayConfig;
import io.caas.gateway.ratelimit.TenantRateLimiter;
import io.caas.web.error.ApiException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * POST /v1/messages: 202 once the message is in Kafka. The token is checked before the body is read. On a worker
 * thread (the producer may block while it has no metadata), which is free again as soon as the event is handed to
 * the producer: the response is written when Kafka acknowledges.
 */
@TokenBeforeBody
@Path("/v1/messages")
public class MessageResource {

    private final Validator validator;
    private final TenantRateLimiter rateLimiter;
    private final MessageService messages;
    private final int maxBodyChars;

    public MessageResource(Validator validator, TenantRateLimiter rateLimiter, MessageService messages,
            GatewayConfig config) {
        this.validator = validator;
        this.rateLimiter = rateLimiter;
        this.messages = messages;
        this.maxBodyChars = config.maxBodyChars();
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> send(NewMessage message, RoutingContext request) {
        String tenant = TokenBeforeBodyFilter.callerOf(request).tenant();
        validate(message);
        rateLimiter.acquire(tenant);
        return messages.accept(tenant, message, ReceivedAt.of(request)).map(result -> {
            Response.ResponseBuilder accepted = Response.accepted(result.accepted());
            if (result.replayed()) {
                accepted.header("Idempotent-Replayed", "true");
            }
            return accepted.build();
        });
    }

    private void validate(NewMessage message) {
        if (message == null) {
            throw new ApiException(400, "invalid_request", "A JSON body is required.");
        }
        Set<ConstraintViolation<NewMessage>> violations = validator.validate(message);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        if (message.body().length() > maxBodyChars) {
            throw new ApiException(400, "invalid_request", "body must be at most " + maxBodyChars + " characters");
        }
    }
}
