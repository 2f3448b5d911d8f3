package io.caas.web.input;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.caas.web.error.ApiException;

/**
 * Calendar dates as the APIs take them: {@code YYYY-MM-DD} between 2000-01-01 and 2200-12-31. Outside that window
 * a date is a mistake or an attack (PostgreSQL refuses years before 4713 BC, a five-digit year breaks ISO-8601
 * consumers), so it is a 400 before any database sees it — the same window common-kafka's event contract applies
 * to {@code accepted_at}.
 */
public final class Dates {

    public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2200, 12, 31);

    private Dates() {
    }

    /** The date in {@code value}, or 400 {@code invalid_request} naming the parameter. */
    public static LocalDate parse(String name, String value) {
        LocalDate date;
        try {
            date = LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "invalid_request", name + " must be a date like 2026-11-21");
        }
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw new ApiException(400, "invalid_request", name + " must be between " + EARLIEST + " and " + LATEST);
        }
        return date;
    }
}
