package io.caas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import io.caas.localinfra.InjectInfra;
import io.caas.localinfra.PostgresServer;
import io.caas.localinfra.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The database and the log hold at most the key id: the plaintext secret is nowhere in them. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(AuthSecretsTestResource.class)
class ApiKeyStorageTest {

    @InjectInfra
    PostgresServer postgres;

    @Test
    void thePlaintextKeyIsNotStored() throws Exception {
        var tenant = AuthApi.createTenant(AuthApi.uniqueName("stored"));
        String apiKey = tenant.getString("api_key");
        String secret = apiKey.substring(apiKey.lastIndexOf('_') + 1);

        StringBuilder everything = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
                Statement sql = connection.createStatement()) {
            for (String table : new String[] {"tenant", "api_key"}) {
                try (ResultSet rows = sql.executeQuery("SELECT t::text, encode(convert_to(t::text, 'UTF8'), 'base64') FROM " + table + " t")) {
                    while (rows.next()) {
                        everything.append(rows.getString(1)).append('\n').append(rows.getString(2)).append('\n');
                    }
                }
            }
            try (ResultSet row = sql.executeQuery("SELECT length(secret_hash) FROM api_key WHERE key_id = '"
                    + tenant.getString("key_id") + "'")) {
                row.next();
                assertThat(row.getInt(1)).as("HMAC-SHA256").isEqualTo(32);
            }
        }
        assertThat(everything).contains(tenant.getString("key_id")).doesNotContain(secret).doesNotContain(apiKey);
    }

    @Test
    void thePlaintextKeyNeverReachesTheLog() throws Exception {
        var tenant = AuthApi.createTenant(AuthApi.uniqueName("logged"));
        String apiKey = tenant.getString("api_key");
        String secret = apiKey.substring(apiKey.lastIndexOf('_') + 1);
        AuthApi.token(apiKey);
        char last = apiKey.charAt(apiKey.length() - 1);
        String wrongKey = apiKey.substring(0, apiKey.length() - 1) + (last == 'Q' ? 'R' : 'Q'); // never the key itself
        io.restassured.RestAssured.given().header("X-API-Key", wrongKey)
                .post("/v1/tokens").then().statusCode(401);
        java.nio.file.Path log = java.nio.file.Path.of("target", "quarkus.log");
        assertThat(log).exists();
        assertThat(java.nio.file.Files.readString(log)).contains("Installed features").doesNotContain(secret);
    }
}
