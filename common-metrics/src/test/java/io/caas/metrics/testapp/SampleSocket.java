package io.caas.metrics.testapp;

import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;

/** A WebSocket endpoint with a path parameter, to prove upgrades record the route, not the URL. */
@WebSocket(path = "/v1/rooms/{room}/ws")
public class SampleSocket {

    @OnTextMessage
    String echo(String message) {
        return message;
    }
}
