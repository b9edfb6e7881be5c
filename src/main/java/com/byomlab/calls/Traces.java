package com.byomlab.calls;

import java.util.List;

import com.byomlab.llm.ChatCall;
import com.byomlab.llm.LlmCallException;
import com.byomlab.telemetry.GenAiTelemetry;
import com.byomlab.vault.CredentialUnavailableException;

/**
 * The span and metrics of each provider call ({@link GenAiTelemetry#chat}), next to the call itself so that they
 * time the provider and not the records around it: one span per credential tried, so a fallback shows as a failed
 * call and the one that answered. Within a Lab session the span is a child of the session's; within a gateway
 * request, of the request's.
 */
final class Traces {

    private Traces() {
    }

    static CallStep tracing(GenAiTelemetry telemetry) {
        return (call, next) -> {
            ChatCall chat = call.chat();
            // a passed-through request has no neutral messages: its span carries the route and the usage only
            try (GenAiTelemetry.Call span = chat == null
                    ? telemetry.chat(call.route().provider(), call.route().model(), List.of(), null)
                    : telemetry.chat(chat.target().provider(), chat.model(), chat.messages(), chat.options())) {
                try {
                    MeteredTurn answered = next.proceed(call);
                    span.answered(answered.turn());
                    return answered;
                } catch (LlmCallException e) {
                    span.failed(Records.outcome(e));
                    throw e;
                } catch (CredentialUnavailableException e) {
                    span.failed("credential_unavailable");
                    throw e;
                } catch (InterruptedException e) {
                    span.failed("interrupted");
                    throw e;
                } catch (RuntimeException e) {
                    span.failed(e.getClass().getName());
                    throw e;
                }
            }
        };
    }
}
