package io.caas.auth.tenant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.caas.auth.apikey.ApiKeyRepository;
import io.caas.auth.apikey.ApiKeys;
import io.caas.web.error.CommitFailures;

/** The tenant table; a tenant and its first key are created in one transaction. */
@ApplicationScoped
public class TenantRepository {

    /** SQLSTATE of a unique-constraint violation. */
    static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final ApiKeyRepository keys;

    public TenantRepository(DataSource dataSource, ApiKeyRepository keys) {
        this.dataSource = dataSource;
        this.keys = keys;
    }

    /** Inserts the tenant and its first key; throws SQLException with {@link #UNIQUE_VIOLATION} on a taken name. */
    public void insertWithKey(UUID tenantId, String name, ApiKeys.IssuedKey firstKey) throws SQLException {
        try {
            insertInTransaction(tenantId, name, firstKey);
        } catch (RuntimeException e) {
            throw CommitFailures.asSqlException(e);
        }
    }

    /** Not private, so that ArC intercepts this call from {@link #insertWithKey}. */
    @Transactional(rollbackOn = SQLException.class)
    void insertInTransaction(UUID tenantId, String name, ApiKeys.IssuedKey firstKey) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO tenant (id, name) VALUES (?, ?)")) {
            insert.setObject(1, tenantId);
            insert.setString(2, name);
            insert.executeUpdate();
            keys.insert(connection, tenantId, firstKey);
        }
    }

    /** Adds a key to an existing tenant; false when the tenant does not exist. */
    public boolean addKey(UUID tenantId, ApiKeys.IssuedKey key) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!exists(connection, tenantId)) {
                return false;
            }
            keys.insert(connection, tenantId, key);
            return true;
        }
    }

    private static boolean exists(Connection connection, UUID tenantId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM tenant WHERE id = ?")) {
            select.setObject(1, tenantId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }
}
