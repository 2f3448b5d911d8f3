package io.caas.localrun;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/**
 * One address for a service's replicas, as a Kubernetes Service gives them: each TCP connection goes to the next
 * replica in turn (HTTP keep-alive and WebSockets stay on the replica they reached). A replica that refuses the
 * connection — killed, not listening yet — is skipped, so a client that reconnects after losing its replica
 * reaches a live one. Bytes are piped as they are; nothing is parsed.
 */
final class ServiceFront implements AutoCloseable {

    private final NetServer server;
    private final NetClient client;
    private final List<Integer> replicaPorts;
    private final AtomicInteger next = new AtomicInteger();

    private ServiceFront(Vertx vertx, List<Integer> replicaPorts) {
        this.replicaPorts = List.copyOf(replicaPorts);
        this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(2000));
        this.server = vertx.createNetServer().connectHandler(this::accept);
    }

    /** Listens on 127.0.0.1:{@code port} in front of the replicas listening on {@code replicaPorts}. */
    static ServiceFront start(Vertx vertx, int port, List<Integer> replicaPorts) throws IOException, InterruptedException {
        ServiceFront front = new ServiceFront(vertx, replicaPorts);
        try {
            front.server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("No front on 127.0.0.1:" + port, e);
        }
        return front;
    }

    private void accept(NetSocket downstream) {
        downstream.pause(); // until a replica takes it: nothing the client sent is lost
        connect(downstream, next.getAndIncrement(), replicaPorts.size());
    }

    private void connect(NetSocket downstream, int turn, int triesLeft) {
        int port = replicaPorts.get(Math.floorMod(turn, replicaPorts.size()));
        client.connect(port, "127.0.0.1").onSuccess(upstream -> {
            // Each pipe ends its destination once its source ended and what it buffered is written: nothing is cut off.
            downstream.pipeTo(upstream);
            upstream.pipeTo(downstream);
            downstream.resume();
        }).onFailure(refused -> {
            if (triesLeft > 1) {
                connect(downstream, turn + 1, triesLeft - 1);
            } else {
                downstream.close(); // no replica is up: as a Service without ready endpoints
            }
        });
    }

    @Override
    public void close() {
        server.close();
        client.close();
    }
}
