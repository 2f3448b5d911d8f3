package io.caas.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.caas.localinfra.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/** The front over real HTTP servers standing for replicas, each answering its own name. */
class ServiceFrontTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<HttpServer> replicas = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void connectionsTakeTurnsAndSkipAReplicaThatIsDown() throws Exception {
        List<Integer> ports = List.of(replica("a"), replica("b"));
        int port = FreePorts.next();
        try (ServiceFront front = ServiceFront.start(vertx, port, ports)) {
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(getOnANewConnection(port));
            }
            assertThat(answers).containsExactly("a", "b", "a", "b");

            replicas.get(0).close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 4; i++) {
                assertThat(getOnANewConnection(port)).as("replica a is down").isEqualTo("b");
            }
        }
    }

    @Test
    void withNoReplicaUpTheConnectionIsClosed() throws Exception {
        int port = FreePorts.next();
        try (ServiceFront front = ServiceFront.start(vertx, port, List.of(FreePorts.next()))) {
            assertThatThrownBy(() -> getOnANewConnection(port)).isInstanceOf(IOException.class);
        }
    }

    private int replica(String name) throws Exception {
        int port = FreePorts.next();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.response().end(name));
        server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        replicas.add(server);
        return port;
    }

    /** A new client per request: a new connection, as a client that lost its replica reconnects. */
    private static String getOnANewConnection(int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
