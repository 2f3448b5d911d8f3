package io.caas.caller;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The public documents verifiers fetch from auth on a schedule (its JWKS, its recent revocations). */
final class AuthDocuments {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AuthDocuments() {
    }

    /** The body of {@code document}; an IOException when auth does not answer 200 within {@code timeout}. */
    static String fetch(URI document, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(document).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(document + " answered " + response.statusCode());
        }
        return response.body();
    }
}
