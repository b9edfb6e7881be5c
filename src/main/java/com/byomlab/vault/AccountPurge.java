package com.byomlab.vault;

import com.byomlab.account.AccountDeleted;
import com.byomlab.audit.AuditEvent;
import com.byomlab.audit.AuditLog;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Account deletion removes every credential row of the account at once, ciphertexts included. */
@Component
class AccountPurge {

    private final CredentialRepository credentials;
    private final AuditLog audit;

    AccountPurge(CredentialRepository credentials, AuditLog audit) {
        this.credentials = credentials;
        this.audit = audit;
    }

    @EventListener
    void on(AccountDeleted event) {
        int purged = credentials.purgeAll(event.userId());
        audit.record(AuditEvent.of(event.userId(), "account.delete", AuditEvent.Outcome.SUCCESS, null, null, null,
                purged + " credentials purged"));
    }
}
