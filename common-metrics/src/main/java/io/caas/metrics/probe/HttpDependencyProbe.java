package io.caas.metrics.probe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A dependency is up when its URL answers with a status below 500 within the timeout. */
public final class HttpDependencyProbe implements DependencyProbe {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String dependency;
    private final URI uri;

    public HttpDependencyProbe(String dependency, URI uri) {
        this.dependency = dependency;
        this.uri = uri;
    }

    @Override
    public String dependency() {
        return dependency;
    }

    @Override
    public void check(Duration timeout) throws IOException, InterruptedException {
        HttpResponse<Void> response = CLIENT.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() >= 500) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
    }
}
