package io.caas.billing.consumer;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.caas.web.error.CommitFailures;

/**
 * Counts messages effectively once: in one transaction per batch, each message's id goes into
 * counted_message and, only if it was not there yet, its tenant/day/type count rises.
 */
@ApplicationScoped
public class UsageRecorder {

    /** How a committed batch went. */
    public record Outcome(int recorded, int duplicates) {
    }

    private final DataSource dataSource;

    public UsageRecorder(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Whether PostgreSQL refused the data itself (SQLState class 22, data exception, or 23, integrity constraint
     * violation): the same rows would fail again, so retrying cannot help; any other failure may pass.
     */
    public static boolean refusedTheData(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** Records the batch; on any failure, its commit's included, nothing of it is committed. */
    public Outcome record(List<UsageEvent> events) throws SQLException {
        try {
            return recordInTransaction(events);
        } catch (RuntimeException e) {
            throw CommitFailures.asSqlException(e);
        }
    }

    /** Not private, so that ArC intercepts this call from {@link #record}. */
    @Transactional(rollbackOn = SQLException.class)
    Outcome recordInTransaction(List<UsageEvent> events) throws SQLException {
        int recorded = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement(
                        "INSERT INTO counted_message (message_id) VALUES (?) ON CONFLICT DO NOTHING");
                PreparedStatement count = connection.prepareStatement(
                        "INSERT INTO usage_daily (tenant_id, day, type, messages) VALUES (?, ?, ?, 1) "
                                + "ON CONFLICT (tenant_id, day, type) DO UPDATE SET messages = usage_daily.messages + 1")) {
            for (UsageEvent event : events) {
                claim.setObject(1, event.messageId());
                if (claim.executeUpdate() == 0) {
                    continue; // counted before: a redelivery or a duplicate
                }
                count.setString(1, event.tenantId());
                count.setDate(2, Date.valueOf(event.day()));
                count.setString(3, event.type());
                count.executeUpdate();
                recorded++;
            }
        }
        return new Outcome(recorded, events.size() - recorded);
    }
}
