package io.caas.gateway.message;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.caas.web.input.Ids;
import io.caas.kafka.event.MessageType;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of POST /v1/messages; field names are the wire names. */
@RegisterForReflection
public record NewMessage(
        @NotNull @Pattern(regexp = Ids.REGEX, message = Ids.RULE)
        String conversation_id,
        @NotNull @Pattern(regexp = MessageType.REGEX, message = "must be one of text, image, file, system")
        String type,
        @NotNull
        String body,
        @Pattern(regexp = Ids.REGEX, message = Ids.RULE)
        String client_msg_id) {
}
