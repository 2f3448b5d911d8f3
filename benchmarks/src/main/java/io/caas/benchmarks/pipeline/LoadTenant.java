package io.caas.benchmarks.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.caas.localrun.PlatformClient;

/** A tenant the benchmark sends as: its id and an access token (valid for auth's token lifetime, 15 minutes). */
record LoadTenant(String id, String token) {

    /** Creates {@code count} tenants through auth's admin API, each with a token of its own. */
    static List<LoadTenant> create(PlatformClient client, int count) throws IOException, InterruptedException {
        List<LoadTenant> tenants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PlatformClient.Tenant tenant = client.createTenant("pipeline-" + i);
            tenants.add(new LoadTenant(tenant.id(), client.token(tenant)));
        }
        return List.copyOf(tenants);
    }

    String authorization() {
        return "Bearer " + token;
    }
}
