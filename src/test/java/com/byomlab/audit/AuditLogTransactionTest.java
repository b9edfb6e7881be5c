package com.byomlab.audit;

import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An audit entry outlives the transaction of the operation it records, and needs none of its own. */
class AuditLogTransactionTest extends ApiIntegrationTest {

    @Autowired
    AuditLog audit;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void anEntryRecordedInsideATransactionThatRollsBackIsKept() {
        UUID user = UUID.randomUUID();
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.update("INSERT INTO rate_limit_buckets (id, state) VALUES (?, NULL)", "audit-test:" + user);
            audit.record(AuditEvent.of(user, "credential.delete", AuditEvent.Outcome.FAILURE, "openai", null,
                    "127.0.0.1", "refused"));
            throw new IllegalStateException("the operation fails after auditing");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rate_limit_buckets WHERE id = ?", Integer.class,
                "audit-test:" + user)).as("the operation's own write is rolled back").isZero();
        assertThat(audit.all(user, 10)).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo("credential.delete");
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
        });
    }

    @Test
    void anEntryRecordedOutsideATransactionIsCommittedAtOnce() {
        UUID user = UUID.randomUUID();
        audit.record(AuditEvent.of(user, "credential.use", AuditEvent.Outcome.SUCCESS, "openai", null, null,
                "gateway"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_events WHERE user_id = ?", Integer.class, user))
                .isEqualTo(1);
    }
}
