package io.caas.localrun;

import java.util.List;

/**
 * The first steps a newcomer copies into a shell: a tenant, its API key, a token, a message, its usage, as bash lines
 * that run as printed (values passed on in variables, no placeholder to fill in). The tenant's name is new on every
 * run, so the steps work again after a restart that kept the platform's tenants, and beside the demo's.
 */
final class Walkthrough {

    private Walkthrough() {
    }

    static List<String> lines(LocalPlatform platform, String tenantName) {
        String auth = platform.apiUrl("auth");
        String gateway = platform.apiUrl("gateway");
        // curl fails loudly (-S, --fail-with-body) and never hangs (--max-time); sed prints only what it extracted, and
        // ${VAR:?} stops at an empty value instead of carrying it into a puzzling 401.
        String curl = "curl -sS --max-time 10 ";
        return List.of(
                "TENANT=$(" + curl + "--fail-with-body -X POST " + auth + "/v1/tenants -H 'Authorization: Bearer " + platform.adminToken() + "' \\",
                "    -H 'Content-Type: application/json' -d '{\"name\":\"" + tenantName + "\"}'); echo \"$TENANT\"   # tenant_id and api_key, shown once",
                "API_KEY=$(echo \"$TENANT\" | sed -nE 's/.*\"api_key\":\"([^\"]+)\".*/\\1/p')",
                "TOKEN=$(" + curl + "--fail-with-body -X POST " + auth + "/v1/tokens -H \"X-API-Key: ${API_KEY:?no api_key}\" | sed -nE 's/.*\"access_token\":\"([^\"]+)\".*/\\1/p')",
                curl + "-w ' HTTP %{http_code}\\n' -X POST " + gateway + "/v1/messages -H \"Authorization: Bearer ${TOKEN:?no token}\" \\",
                "    -H 'Content-Type: application/json' -d '{\"conversation_id\":\"c1\",\"type\":\"text\",\"body\":\"hi\"}'   # 202 once in Kafka",
                "sleep 3; " + curl + gateway + "/v1/usage -H \"Authorization: Bearer $TOKEN\"; echo   # usage metered by billing");
    }
}
