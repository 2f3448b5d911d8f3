package io.caas.socket.session;

import jakarta.enterprise.context.ApplicationScoped;

import io.caas.caller.Caller;
import io.caas.caller.CallerTenant;
import io.caas.web.error.ApiException;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

/**
 * Admits a WebSocket upgrade only with a valid token from auth, in the Authorization header or (browsers cannot
 * set headers on WebSocket) the {@code access_token} query parameter. A refused upgrade is a 401 and registers
 * nothing. The verified caller (tenant, API key, expiry) travels to the connection in its user data.
 */
@ApplicationScoped
public class TokenUpgradeCheck implements HttpUpgradeCheck {

    static final UserData.TypedKey<Caller> CALLER = new UserData.TypedKey<>("caas.caller");
    /** The TCP connection under the WebSocket, so a client that cannot even take a close frame can be cut off. */
    static final UserData.TypedKey<HttpConnection> TRANSPORT = new UserData.TypedKey<>("caas.transport");

    private final CallerTenant caller;

    public TokenUpgradeCheck(CallerTenant caller) {
        this.caller = caller;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        // On the event loop, where the upgrade and the connection's frame handlers are then registered in one go,
        // before any frame the client sends the instant it sees the 101 can be read. Verifying never blocks: keys and
        // revocations are in memory, and UpgradeRefusals verified this token just before (a cache hit here).
        try {
            context.userData().put(CALLER, caller.verify(authorization(context.httpRequest())));
            context.userData().put(TRANSPORT, context.httpRequest().connection());
            return CheckResult.permitUpgrade();
        } catch (ApiException e) {
            return CheckResult.rejectUpgrade(e.status());
        }
    }

    /** The Authorization header, else the {@code access_token} query parameter as a Bearer credential. */
    static String authorization(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        String queryToken = request.getParam("access_token");
        return header != null ? header : queryToken == null ? null : "Bearer " + queryToken;
    }
}
