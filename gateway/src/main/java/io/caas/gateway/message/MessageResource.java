package io.caas.gateway.message;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.caas.caller.CallerTenant;
import io.caas.caller.TokenBeforeBody;
import io.caas.gateway.config.GatewayConfig;
import io.caas.gateway.ratelimit.TenantRateLimiter;
import io.caas.web.error.ApiException;
import io.smallrye.common.annotation.Blocking;

/** POST /v1/messages: 202 once the message is in Kafka. The token is checked before the body is read. */
@TokenBeforeBody
@Path("/v1/messages")
public class MessageResource {

    private final CallerTenant caller;
    private final Validator validator;
    private final TenantRateLimiter rateLimiter;
    private final MessageService messages;
    private final int maxBodyChars;

    public MessageResource(CallerTenant caller, Validator validator, TenantRateLimiter rateLimiter, MessageService messages,
            GatewayConfig config) {
        this.caller = caller;
        this.validator = validator;
        this.rateLimiter = rateLimiter;
        this.messages = messages;
        this.maxBodyChars = config.maxBodyChars();
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response send(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, NewMessage message) {
        String tenant = caller.require(authorization);
        validate(message);
        rateLimiter.acquire(tenant);
        MessageService.Result result = messages.accept(tenant, message);
        Response.ResponseBuilder accepted = Response.accepted(result.accepted());
        if (result.replayed()) {
            accepted.header("Idempotent-Replayed", "true");
        }
        return accepted.build();
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
