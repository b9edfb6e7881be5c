package com.byomlab.gateway;

import java.util.UUID;

/**
 * Who is calling the gateway, as established from a personal access token: its owner, the token, and the credential
 * it is bound to (null: the owner's default). Never carries the token itself.
 */
record GatewayCaller(UUID userId, UUID tokenId, UUID boundCredentialId, String clientAddress) {
}
