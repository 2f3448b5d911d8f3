package io.caas.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Test double for billing's usage API: it answers GET /v1/tenants/{tenant_id}/usage, records what it was asked and
 * how often (usage calls only: the dependency probe of /v1/tenants every 15 s is answered, not counted), and can be made slow, failing or absent. Like billing before issue 16 it fails (500) on a year with a
 * sign (PostgreSQL's "date out of range"), and it answers 500 to tenants whose id starts with "poison": a failure
 * caused by the request, not by billing's health.
 */
public class StandInBilling implements QuarkusTestResourceLifecycleManager {

    enum Mode { OK, SLOW, FAILING, UNAVAILABLE }

    final AtomicReference<Mode> mode = new AtomicReference<>(Mode.OK);
    final AtomicReference<String> lastPath = new AtomicReference<>();
    final AtomicReference<String> lastAuthorization = new AtomicReference<>();
    final AtomicInteger calls = new AtomicInteger();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/tenants", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return Map.of("quarkus.rest-client.billing.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.MatchesType(StandInBilling.class));
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    /** Stops answering at all (connection refused), as when billing is down. */
    void shutDown() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().endsWith("/usage")) { // not the gateway's probe of /v1/tenants
            calls.incrementAndGet();
        }
        lastPath.set(exchange.getRequestURI().toString());
        lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
        Mode current = mode.get();
        if (current == Mode.SLOW) {
            sleep(10_000);
        }
        String query = exchange.getRequestURI().getQuery();
        boolean failsOnInput = query != null && query.matches(".*(from|to)=[-+].*")
                || exchange.getRequestURI().getPath().startsWith("/v1/tenants/poison");
        int status = current == Mode.UNAVAILABLE ? 503 : current == Mode.FAILING || failsOnInput ? 500
                : query != null && query.contains("from=2001-01-01") ? 400 : 200;
        String body = status == 200 ? "{\"usage\":\"stand-in\",\"path\":\"" + exchange.getRequestURI().getPath() + "\"}"
                : status == 400 ? "{\"error\":\"invalid_request\",\"message\":\"the range may span at most 366 days\"}"
                : status == 503 ? "{\"error\":\"database_unavailable\",\"message\":\"stand-in outage\"}"
                : "{\"error\":\"internal_error\",\"message\":\"stand-in failure\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
