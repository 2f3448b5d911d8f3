package io.caas.web.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;

import jakarta.transaction.RollbackException;

import org.junit.jupiter.api.Test;

/** A failed commit comes back as the SQLException callers handle; other failures pass through untouched. */
class CommitFailuresTest {

    @Test
    void aCommitPostgresqlRefusedIsTheDriversOwnException() {
        SQLException refused = new SQLException("refused at commit", "23514");
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new IllegalStateException("xa", refused));
        RuntimeException wrapped = new RuntimeException(rollback); // as ArC wraps an undeclared checked exception

        assertThat((Throwable) CommitFailures.asSqlException(wrapped)).isSameAs(refused);
    }

    @Test
    void aCommitWithoutTheDriversAnswerIsResolutionUnknown() {
        RuntimeException wrapped = new RuntimeException(new RollbackException("connection lost"));

        SQLException failure = CommitFailures.asSqlException(wrapped);

        assertThat(failure.getSQLState()).isEqualTo(CommitFailures.RESOLUTION_UNKNOWN);
        assertThat((Throwable) failure).hasCause(wrapped);
    }

    @Test
    void aFailureNotFromTheTransactionManagerIsRethrownAsItIs() {
        IllegalStateException bug = new IllegalStateException("a bug", new SQLException("not the commit", "08006"));

        assertThatThrownBy(() -> CommitFailures.asSqlException(bug)).isSameAs(bug);
    }
}
