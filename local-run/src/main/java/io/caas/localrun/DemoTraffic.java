package io.caas.localrun;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic traffic until interrupted, so every dashboard panel has data: a few tenants with WebSocket
 * subscribers, messages of every type, usage reads, bursts that hit the rate limit, and bad requests of the
 * kinds clients really send (malformed JSON, unknown type, missing or forged token, unknown path).
 */
public final class DemoTraffic implements Runnable {

    /** The demo's tenants; each run adds its own suffix, as the platform keeps the tenants of earlier runs. */
    public static final List<String> NAMES = List.of("acme", "globex", "initech");
    private static final List<String> TYPES = List.of("text", "image", "file", "system");
    private final PlatformClient client;
    private final String runSuffix;
    private final Random random = new Random();

    public DemoTraffic(PlatformClient client, String runSuffix) {
        this.client = client;
        this.runSuffix = runSuffix;
    }

    @Override
    public void run() {
        try {
            List<String> tokens = new ArrayList<>();
            List<PlatformClient.Socket> sockets = new ArrayList<>();
            for (String name : NAMES) {
                String token = client.token(client.createTenant(name + "-" + runSuffix));
                tokens.add(token);
                for (int i = 0; i < 2; i++) {
                    PlatformClient.Socket socket = client.connect(token);
                    socket.subscribe("general");
                    sockets.add(socket);
                }
            }
            long round = 0;
            while (!Thread.currentThread().isInterrupted()) {
                String token = tokens.get(random.nextInt(tokens.size()));
                client.postMessage(token, random.nextBoolean() ? "general" : "random", TYPES.get(random.nextInt(TYPES.size())), "demo " + round);
                sockets.forEach(socket -> socket.frames().clear());
                if (round % 10 == 0) {
                    client.get("gateway", "/v1/usage", token);
                    badRequests(token);
                }
                if (round % 300 == 299) {
                    for (int i = 0; i < 150; i++) {
                        client.postMessage(token, "burst", "text", "burst " + i);
                    }
                }
                round++;
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            System.err.println("Demo traffic stopped: " + e);
        }
    }

    private void badRequests(String token) throws IOException, InterruptedException {
        switch (random.nextInt(5)) {
            case 0 -> client.postRaw(token, "{\"conversation_id\":");
            case 1 -> client.postMessage(token, "general", "video", "no such type");
            case 2 -> client.postMessage(null, "general", "text", "no token");
            case 3 -> client.postMessage(token + "x", "general", "text", "forged token");
            default -> client.get("gateway", "/v1/no-such-path", token);
        }
    }
}
