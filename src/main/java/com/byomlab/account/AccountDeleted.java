package com.byomlab.account;

import java.util.UUID;

/** Published inside the deleting transaction, so listeners purge the account's data with it. */
public record AccountDeleted(UUID userId) {
}
