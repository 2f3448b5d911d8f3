package io.caas.web.error;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Turns every failure into the JSON error shape with the right status; never a stack trace to the client. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder response = error(e.status(), e.code(), e.getMessage());
        if (e.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + " " + v.getMessage())
                .sorted().collect(Collectors.joining("; "));
        return error(400, "invalid_request", message).build();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return invalidJson();
    }

    // Quarkus maps this subtype itself unless a mapper names it exactly.
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return invalidJson();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException) {
            return invalidJson();
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return error(500, "internal_error", "The request could not be processed.").build();
        }
        return error(status, ErrorResponse.codeFor(status), e.getMessage()).build();
    }

    /**
     * The database is unreachable, restarting or out of connections: 503 with Retry-After, which callers (the
     * gateway's client of billing) treat as an outage to retry and count, unlike a 500 that answers one request.
     */
    @ServerExceptionMapper
    public Response database(SQLException e) {
        String state = e.getSQLState();
        boolean unavailable = e instanceof SQLTransientException
                || state != null && (state.startsWith("08") || state.startsWith("57P"));
        if (unavailable) {
            LOG.warnf("Database unavailable: %s", e.getMessage());
            return error(503, "database_unavailable", "The database is unavailable; retry shortly.")
                    .header("Retry-After", 5).build();
        }
        return unexpected(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("Request failed", e);
        return error(500, "internal_error", "The request could not be processed.").build();
    }

    private static Response invalidJson() {
        return error(400, "invalid_json", "The request body is not valid JSON of the expected shape.").build();
    }

    private static Response.ResponseBuilder error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorResponse(code, message));
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
