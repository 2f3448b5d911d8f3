package io.caas.billing.invoice;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.caas.billing.config.BillingConfig;
import io.caas.web.error.CommitFailures;

/** Closes monthly periods into invoices, each (tenant, month) exactly once, and lists them. */
@ApplicationScoped
public class InvoiceRepository {

    @RegisterForReflection
    public record Line(String type, long quantity, BigDecimal unit_price, BigDecimal amount) {
    }

    @RegisterForReflection
    public record Invoice(String invoice_id, String tenant_id, String period_start, String period_end, String currency,
            BigDecimal total, List<Line> lines) {
    }

    private final DataSource dataSource;
    private final BillingConfig config;

    public InvoiceRepository(DataSource dataSource, BillingConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Invoices every (tenant, month) before {@code before} that has usage and no invoice yet; returns how many. */
    public int closePeriodsBefore(LocalDate before) throws SQLException {
        List<Map.Entry<String, LocalDate>> periods = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement open = connection.prepareStatement(
                        "SELECT DISTINCT u.tenant_id, date_trunc('month', u.day)::date FROM usage_daily u "
                                + "WHERE u.day < ? AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.tenant_id = u.tenant_id "
                                + "AND i.period_start = date_trunc('month', u.day)::date)")) {
            open.setDate(1, Date.valueOf(before));
            try (ResultSet rows = open.executeQuery()) {
                while (rows.next()) {
                    periods.add(Map.entry(rows.getString(1), rows.getDate(2).toLocalDate()));
                }
            }
        }
        int created = 0;
        for (Map.Entry<String, LocalDate> period : periods) {
            try {
                if (close(period.getKey(), period.getValue())) {
                    created++;
                }
            } catch (RuntimeException e) {
                throw CommitFailures.asSqlException(e);
            }
        }
        return created;
    }

    /**
     * One period in its own transaction (ArC intercepts this self-invocation: the method is not private); the
     * (tenant, period_start) key makes a second closer a no-op.
     */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = SQLException.class)
    boolean close(String tenantId, LocalDate periodStart) throws SQLException {
        LocalDate periodEnd = periodStart.plusMonths(1);
        UUID invoiceId = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO invoice (id, tenant_id, period_start, period_end, currency, total) VALUES (?, ?, ?, ?, ?, 0) "
                            + "ON CONFLICT (tenant_id, period_start) DO NOTHING")) {
                insert.setObject(1, invoiceId);
                insert.setString(2, tenantId);
                insert.setDate(3, Date.valueOf(periodStart));
                insert.setDate(4, Date.valueOf(periodEnd));
                insert.setString(5, config.currency());
                if (insert.executeUpdate() == 0) {
                    return false; // another closer invoiced it first
                }
            }
            BigDecimal total = BigDecimal.ZERO;
            for (Map.Entry<String, Long> usage : usageByType(connection, tenantId, periodStart, periodEnd).entrySet()) {
                BigDecimal unitPrice = config.prices().getOrDefault(usage.getKey(), BigDecimal.ZERO);
                BigDecimal amount = unitPrice.multiply(BigDecimal.valueOf(usage.getValue()));
                total = total.add(amount);
                try (PreparedStatement line = connection.prepareStatement(
                        "INSERT INTO invoice_line (invoice_id, type, quantity, unit_price, amount) VALUES (?, ?, ?, ?, ?)")) {
                    line.setObject(1, invoiceId);
                    line.setString(2, usage.getKey());
                    line.setLong(3, usage.getValue());
                    line.setBigDecimal(4, unitPrice);
                    line.setBigDecimal(5, amount);
                    line.executeUpdate();
                }
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE invoice SET total = ? WHERE id = ?")) {
                update.setBigDecimal(1, total);
                update.setObject(2, invoiceId);
                update.executeUpdate();
            }
            return true;
        }
    }

    private static Map<String, Long> usageByType(Connection connection, String tenantId, LocalDate from, LocalDate until)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT type, sum(messages) FROM usage_daily WHERE tenant_id = ? AND day >= ? AND day < ? GROUP BY type ORDER BY type")) {
            select.setString(1, tenantId);
            select.setDate(2, Date.valueOf(from));
            select.setDate(3, Date.valueOf(until));
            Map<String, Long> byType = new LinkedHashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    byType.put(rows.getString(1), rows.getLong(2));
                }
            }
            return byType;
        }
    }

    /** The tenant's invoices, newest period first, with their lines. */
    public List<Invoice> list(String tenantId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT i.id, i.period_start, i.period_end, i.currency, i.total, l.type, l.quantity, l.unit_price, l.amount "
                                + "FROM invoice i LEFT JOIN invoice_line l ON l.invoice_id = i.id "
                                + "WHERE i.tenant_id = ? ORDER BY i.period_start DESC, l.type")) {
            select.setString(1, tenantId);
            Map<UUID, Invoice> invoices = new LinkedHashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    Invoice invoice = invoices.get(id);
                    if (invoice == null) { // rows arrive grouped by invoice: one row per line
                        invoice = new Invoice(id.toString(), tenantId, rows.getDate(2).toString(), rows.getDate(3).toString(),
                                rows.getString(4), rows.getBigDecimal(5), new ArrayList<>());
                        invoices.put(id, invoice);
                    }
                    if (rows.getString(6) != null) {
                        invoice.lines().add(new Line(rows.getString(6), rows.getLong(7), rows.getBigDecimal(8), rows.getBigDecimal(9)));
                    }
                }
            }
            return new ArrayList<>(invoices.values());
        }
    }
}
