package io.caas.web.error;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a failed commit of a {@code @Transactional} method was, as the SQLException callers already handle. The commit
 * runs after the method returned, in the transaction manager: PostgreSQL refusing it (a deferred constraint) or a
 * connection lost before COMMIT comes back as a {@code jakarta.transaction} exception wrapped in a runtime exception,
 * not as the SQLException a hand-written {@code commit()} threw.
 */
public final class CommitFailures {

    /** SQLState 08007, "transaction resolution unknown": the connection failed while the commit was under way. */
    public static final String RESOLUTION_UNKNOWN = "08007";

    private CommitFailures() {
    }

    /**
     * The SQLException behind {@code failure} when it comes from the transaction manager: the driver's own (with its
     * SQLState) when one is among its causes or suppressed exceptions, else one with {@link #RESOLUTION_UNKNOWN}. Any
     * other runtime exception is rethrown as it is.
     */
    public static SQLException asSqlException(RuntimeException failure) {
        if (find(failure, cause -> cause.getClass().getName().startsWith("jakarta.transaction.")) == null) {
            throw failure;
        }
        Throwable driver = find(failure, SQLException.class::isInstance);
        return driver != null ? (SQLException) driver
                : new SQLException("The transaction's commit failed: " + failure.getMessage(), RESOLUTION_UNKNOWN, failure);
    }

    /** The first throwable, among causes and suppressed exceptions, that matches. */
    private static Throwable find(Throwable failure, Predicate<Throwable> matching) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(failure);
        while (!pending.isEmpty()) {
            Throwable next = pending.poll();
            if (!seen.add(next)) {
                continue;
            }
            if (matching.test(next)) {
                return next;
            }
            if (next.getCause() != null) {
                pending.add(next.getCause());
            }
            Collections.addAll(pending, next.getSuppressed());
        }
        return null;
    }
}
