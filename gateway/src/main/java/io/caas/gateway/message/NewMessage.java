package io.caas.gateway.message;

import io.quarkus.runtime.annotations.RegisterForReflection;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Body of POST /v1/messages; field names are the wire names. */
@RegisterForReflection
public record NewMessage(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,128}", message = "must be 1-128 characters of letters, digits, '.', '_', ':' or '-'")
        String conversation_id,
        @NotNull @Pattern(regexp = "text|image|file|system", message = "must be one of text, image, file, system")
        String type,
        @NotNull
        String body,
        @Pattern(regexp = "[A-Za-z0-9._:-]{1,128}", message = "must be 1-128 characters of letters, digits, '.', '_', ':' or '-'")
        String client_msg_id) {
}
