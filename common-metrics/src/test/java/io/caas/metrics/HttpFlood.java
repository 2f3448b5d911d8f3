package io.caas.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.eclipse.microprofile.config.ConfigProvider;

/** Sends many real HTTP requests to the test application with bounded concurrency; stops by itself. */
final class HttpFlood {

    /** What a request in the flood is: its method and its path (with query). */
    record Call(String method, String pathAndQuery) {
    }

    private static final int IN_FLIGHT = 32;

    private HttpFlood() {
    }

    /** Sends {@code count} requests and returns how many got any response. */
    static int send(int count, IntFunction<Call> call) throws InterruptedException {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicInteger answered = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            Call next = call.apply(i);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + next.pathAndQuery()))
                    .timeout(Duration.ofSeconds(30))
                    .method(next.method(), HttpRequest.BodyPublishers.noBody()).build();
            inFlight.acquire();
            CompletableFuture<HttpResponse<Void>> response = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
            response.whenComplete((r, e) -> {
                if (e == null) {
                    answered.incrementAndGet();
                }
                inFlight.release();
            });
        }
        if (!inFlight.tryAcquire(IN_FLIGHT, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("flood did not drain within 60 s");
        }
        return answered.get();
    }
}
