package io.caas.billing.usage;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads usage_daily. */
@ApplicationScoped
public class UsageRepository {

    /** Messages of one type on one day. */
    public record DayCount(LocalDate day, String type, long messages) {
    }

    private final DataSource dataSource;

    public UsageRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The tenant's counts from {@code from} to {@code to}, both inclusive, by day then type. */
    public List<DayCount> counts(String tenantId, LocalDate from, LocalDate to) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT day, type, messages FROM usage_daily WHERE tenant_id = ? AND day BETWEEN ? AND ? ORDER BY day, type")) {
            select.setString(1, tenantId);
            select.setDate(2, Date.valueOf(from));
            select.setDate(3, Date.valueOf(to));
            List<DayCount> counts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.add(new DayCount(rows.getDate(1).toLocalDate(), rows.getString(2), rows.getLong(3)));
                }
            }
            return counts;
        }
    }
}
