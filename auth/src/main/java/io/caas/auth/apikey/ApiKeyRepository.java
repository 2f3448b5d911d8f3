package io.caas.auth.apikey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** The api_key table. */
@ApplicationScoped
public class ApiKeyRepository {

    /** A stored key: its tenant, the hash of its secret, and whether it was revoked. */
    public record StoredKey(String keyId, UUID tenantId, byte[] secretHash, boolean revoked) {
    }

    private final DataSource dataSource;

    public ApiKeyRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts a key on an open connection (the caller's transaction). */
    public void insert(Connection connection, UUID tenantId, ApiKeys.IssuedKey key) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO api_key (key_id, tenant_id, secret_hash) VALUES (?, ?, ?)")) {
            insert.setString(1, key.keyId());
            insert.setObject(2, tenantId);
            insert.setBytes(3, key.secretHash());
            insert.executeUpdate();
        }
    }

    public Optional<StoredKey> find(String keyId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT tenant_id, secret_hash, revoked_at IS NOT NULL FROM api_key WHERE key_id = ?")) {
            select.setString(1, keyId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredKey(keyId, row.getObject(1, UUID.class), row.getBytes(2), row.getBoolean(3)));
            }
        }
    }

    /** A revoked key and when it was revoked. */
    public record Revoked(String keyId, Instant revokedAt) {
    }

    /** Keys revoked since {@code since}, oldest first. */
    public List<Revoked> revokedSince(Instant since) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT key_id, revoked_at FROM api_key WHERE revoked_at >= ? ORDER BY revoked_at")) {
            select.setTimestamp(1, Timestamp.from(since));
            List<Revoked> revoked = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    revoked.add(new Revoked(rows.getString(1), rows.getTimestamp(2).toInstant()));
                }
            }
            return revoked;
        }
    }

    /** Revokes a key of a tenant; false when the tenant has no such key. Revoking twice is harmless. */
    public boolean revoke(UUID tenantId, String keyId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE tenant_id = ? AND key_id = ?")) {
            update.setObject(1, tenantId);
            update.setString(2, keyId);
            return update.executeUpdate() == 1;
        }
    }
}
