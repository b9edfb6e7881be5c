package com.byomlab.agent;

import com.byomlab.usage.CostEstimate;
import com.byomlab.web.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;
import java.util.UUID;

@RestController
@Validated
@RequestMapping("/api/v1/lab/agent/sessions")
class SessionController {

    private final LabSessions lab;

    SessionController(LabSessions lab) {
        this.lab = lab;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AgentSession create(CurrentUser user, @Valid @RequestBody SessionRequests.Create request) {
        return lab.create(user, request);
    }

    @PostMapping("/estimate")
    CostEstimate estimate(CurrentUser user, @Valid @RequestBody SessionRequests.Estimate request) {
        return lab.estimate(user, request);
    }

    @GetMapping
    List<AgentSession> list(CurrentUser user, @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return lab.list(user, limit);
    }

    @GetMapping("/{id}")
    AgentSession get(CurrentUser user, @PathVariable UUID id) {
        return lab.get(user, id);
    }

    @GetMapping("/{id}/messages")
    List<AgentStep> messages(CurrentUser user, @PathVariable UUID id) {
        return lab.steps(user, id);
    }

    @PostMapping("/{id}/cancel")
    AgentSession cancel(CurrentUser user, @PathVariable UUID id) {
        return lab.cancel(user, id);
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @io.swagger.v3.oas.annotations.Operation(summary = "The session's live steps (server-sent events)",
            responses = @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200",
                    description = "Events 'step' (data: a step as in GET …/messages; id: its sequence number, to "
                            + "resume with Last-Event-ID), 'delta' (streamed model text) and 'status' (the session); "
                            + "the stream ends after the final status.",
                    content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))))
    SseEmitter events(CurrentUser user, @PathVariable UUID id,
                      @RequestHeader(name = "Last-Event-ID", defaultValue = "0") int lastEventId) {
        return lab.events(user, id, lastEventId);
    }
}
