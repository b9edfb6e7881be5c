package com.byomlab.calls;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.EmbeddingAnswer;
import com.byomlab.llm.KeyValidator;
import com.byomlab.llm.ValidationResult;
import com.byomlab.llm.LlmCallException;
import com.byomlab.llm.LlmChat;
import com.byomlab.llm.LlmPassThrough;
import com.byomlab.llm.SystemDefaultModel;
import com.byomlab.vault.CredentialUnavailableException;
import com.byomlab.vault.SessionCredentials;

import java.util.List;

/**
 * The last step: the key decrypted for this one call (from the request's read of the credential, or read again for
 * a later call of a session, so a deleted key stops it) and closed right after; the call itself with the retry
 * policy of {@link LlmChat}.
 */
final class ProviderCall {

    private final LlmChat chat;
    private final LlmPassThrough passThrough;
    private final KeyValidator catalog;
    private final SessionCredentials credentials;
    private final SystemDefaultModel systemDefault;

    ProviderCall(LlmChat chat, LlmPassThrough passThrough, KeyValidator catalog, SessionCredentials credentials,
                 SystemDefaultModel systemDefault) {
        this.chat = chat;
        this.passThrough = passThrough;
        this.catalog = catalog;
        this.credentials = credentials;
        this.systemDefault = systemDefault;
    }

    MeteredTurn chat(PendingCall call, CallStep.Chain end)
            throws LlmCallException, CredentialUnavailableException, InterruptedException {
        try (ApiKey key = open(call)) {
            ChatTurn turn = chat.chat(call.chat(), key, call.listener());
            return new MeteredTurn(turn, null, call.route());
        }
    }

    /** An embeddings call; it has no fallbacks (another model's vectors would not be comparable). */
    MeteredTurn embed(PendingCall call, CallStep.Chain end)
            throws LlmCallException, CredentialUnavailableException, InterruptedException {
        try (ApiKey key = open(call)) {
            EmbeddingAnswer answer = chat.embed(call.embedding(), key);
            return new MeteredTurn(null, null, List.of(), call.route(), List.of(), answer);
        }
    }

    /** A client's own request, forwarded to the route's provider with the route's key; the answer goes to the sink. */
    MeteredTurn passThrough(PendingCall call, CallStep.Chain end)
            throws LlmCallException, CredentialUnavailableException, InterruptedException {
        try (ApiKey key = open(call)) {
            ChatTurn turn = passThrough.call(call.route().target(), call.route().model(), call.passThrough(), key,
                    (PassThroughListener) call.listener());
            return new MeteredTurn(turn, null, call.route());
        }
    }

    /** A live listing fails like a call would: the provider's error, in the taxonomy's words. */
    MeteredTurn listModels(PendingCall call, CallStep.Chain end)
            throws LlmCallException, CredentialUnavailableException, InterruptedException {
        ValidationResult result;
        try (ApiKey key = open(call)) {
            result = catalog.validate(call.route().target(), key, null);
        }
        if (!result.valid()) {
            throw new LlmCallException(call.route().provider(), result.error(), 1);
        }
        return new MeteredTurn(null, null, result.models(), call.route(), List.of());
    }

    private ApiKey open(PendingCall call) throws CredentialUnavailableException, InterruptedException {
        CallRoute route = call.route();
        CallOrigin origin = call.origin();
        if (!route.usesUserKey()) {
            return systemDefault.key();
        }
        if (route.row() != null) {
            return route.row().open(origin.sessionId());
        }
        try {
            return origin.writes().write("key lookup", () -> {
                try {
                    return credentials.open(origin.userId(), route.credentialId(), origin.sessionId());
                } catch (CredentialUnavailableException e) {
                    throw new Unavailable(e);
                }
            });
        } catch (Unavailable e) {
            throw e.cause;
        }
    }

    /** Carries the checked exception through {@link Writes#write}'s supplier. */
    private static final class Unavailable extends RuntimeException {
        final CredentialUnavailableException cause;

        Unavailable(CredentialUnavailableException cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
    }
}
