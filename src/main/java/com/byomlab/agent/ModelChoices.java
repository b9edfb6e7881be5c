package com.byomlab.agent;

import com.byomlab.calls.CallRefused;
import com.byomlab.calls.CallRoute;
import com.byomlab.calls.CallRoutes;
import com.byomlab.calls.FallbackOrder;
import com.byomlab.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** A session request's model choice, resolved by {@link CallRoutes} and refused in the API's words. */
@Component
class ModelChoices {

    private final CallRoutes routes;

    ModelChoices(CallRoutes routes) {
        this.routes = routes;
    }

    /** A new session's route, with its fallback order: the request's ({@code fallback}), else (null) the user's. */
    CallRoute resolve(UUID userId, UUID credentialId, String model, boolean useSystemDefault, FallbackOrder fallback) {
        try {
            return routes.forSession(userId, credentialId, model, useSystemDefault, fallback);
        } catch (CallRefused refused) {
            throw problem(refused, credentialId);
        }
    }

    /**
     * @param checkKey false for an estimate: what would run, without decrypting the key or asking the
     *                 provider whether another model exists
     */
    CallRoute resolve(UUID userId, UUID credentialId, String model, boolean useSystemDefault, boolean checkKey) {
        try {
            return routes.forSession(userId, credentialId, model, useSystemDefault, checkKey);
        } catch (CallRefused refused) {
            throw problem(refused, credentialId);
        }
    }

    private static ApiProblem problem(CallRefused refused, UUID credentialId) {
        return switch (refused.kind()) {
            case NOT_FOUND -> ApiProblem.notFound("Credential " + credentialId);
            case MODEL_REQUIRED -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, refused.code(), "This credential has "
                    + "no default model. Send llm_model, or set model_name on the credential (GET …/llm-credentials/"
                    + "{id}/models lists them).");
            case MODEL_UNAVAILABLE -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, refused.code(),
                    refused.getMessage()).with("hint", refused.hint());
            case DISABLED -> ApiProblem.conflict(refused.code(), refused.getMessage()
                    + (refused.hint() == null ? "" : " " + refused.hint()));
            case UNUSABLE -> ApiProblem.conflict(refused.code(), refused.getMessage());
            case NO_SYSTEM_DEFAULT -> new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, refused.code(), refused.getMessage());
            default -> ApiProblem.badRequest(refused.code(), refused.getMessage());
        };
    }
}
