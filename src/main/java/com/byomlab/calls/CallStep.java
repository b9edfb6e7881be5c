package com.byomlab.calls;

import com.byomlab.llm.LlmCallException;
import com.byomlab.vault.CredentialUnavailableException;

/**
 * One job of the pipeline (a check, a record, the call itself), in the manner of OkHttp's interceptors: it may
 * refuse the call, pass it on with {@link Chain#proceed}, and act on what comes back. The order of the steps is
 * written once, in {@link MeteredCalls}.
 */
interface CallStep {

    MeteredTurn handle(PendingCall call, Chain next)
            throws LlmCallException, CredentialUnavailableException, InterruptedException;

    interface Chain {
        MeteredTurn proceed(PendingCall call)
                throws LlmCallException, CredentialUnavailableException, InterruptedException;
    }
}
