package io.caas.billing.usage;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.caas.billing.access.TenantAccess;
import io.caas.web.error.ApiException;
import io.caas.web.input.Dates;

/** GET /v1/tenants/{tenant_id}/usage: message counts by type and by day (UTC), for the tenant itself. */
@Path("/v1/tenants/{tenant_id}/usage")
public class UsageResource {

    /** Counts of one day. */
    @RegisterForReflection
    public record Day(String day, Map<String, Long> counts) {
    }

    @RegisterForReflection
    public record Usage(String tenant_id, String from, String to, Map<String, Long> totals, List<Day> days) {
    }

    private static final long MAX_RANGE_DAYS = 366;

    private final TenantAccess access;
    private final UsageRepository usage;

    public UsageResource(TenantAccess access, UsageRepository usage) {
        this.access = access;
        this.usage = usage;
    }

    /** {@code from} defaults to the first day of the current month, {@code to} to today (UTC); both inclusive. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Usage usage(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("tenant_id") String tenantId,
            @QueryParam("from") String fromParam, @QueryParam("to") String toParam) throws SQLException {
        access.require(authorization, tenantId);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate to = toParam == null ? today : Dates.parse("to", toParam);
        LocalDate from = fromParam == null ? to.withDayOfMonth(1) : Dates.parse("from", fromParam);
        if (from.isAfter(to)) {
            throw new ApiException(400, "invalid_request", "from must not be after to");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_RANGE_DAYS) {
            throw new ApiException(400, "invalid_request", "the range may span at most " + MAX_RANGE_DAYS + " days");
        }
        Map<String, Long> totals = new TreeMap<>();
        Map<LocalDate, Map<String, Long>> byDay = new TreeMap<>();
        for (UsageRepository.DayCount count : usage.counts(tenantId, from, to)) {
            totals.merge(count.type(), count.messages(), Long::sum);
            byDay.computeIfAbsent(count.day(), d -> new LinkedHashMap<>()).put(count.type(), count.messages());
        }
        List<Day> days = new ArrayList<>();
        byDay.forEach((day, counts) -> days.add(new Day(day.toString(), counts)));
        return new Usage(tenantId, from.toString(), to.toString(), totals, days);
    }

}
