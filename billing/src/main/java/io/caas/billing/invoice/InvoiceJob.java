package io.caas.billing.invoice;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Closes every finished month into invoices. Runs of this job never overlap (SKIP), and the database's
 * (tenant, period) key makes even overlapping replicas or a rerun create each invoice once. Runs, failures,
 * duration and the last success are caas_job_* metrics (job="invoice-close").
 */
@ApplicationScoped
public class InvoiceJob {

    private static final Logger LOG = Logger.getLogger(InvoiceJob.class);

    private final InvoiceRepository invoices;

    public InvoiceJob(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    @Scheduled(identity = "invoice-close", cron = "${caas.billing.invoice-cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() throws SQLException {
        closeFinishedPeriods();
    }

    /** Invoices all months before the current one (UTC); returns how many invoices were created. */
    public int closeFinishedPeriods() throws SQLException {
        int created = invoices.closePeriodsBefore(LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1));
        if (created > 0) {
            LOG.infof("Closed %d invoice(s)", created);
        }
        return created;
    }
}
