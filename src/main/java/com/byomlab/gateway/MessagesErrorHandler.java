package com.byomlab.gateway;

import com.byomlab.web.BodyTooLarge;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every failure of {@code /v1/messages} leaves in Anthropic's error format ({@link AnthropicErrors}). */
@RestControllerAdvice(assignableTypes = MessagesController.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class MessagesErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(MessagesErrorHandler.class);

    @ExceptionHandler(GatewayError.class)
    ResponseEntity<String> gatewayError(GatewayError e) {
        HttpHeaders headers = new HttpHeaders();
        e.headers().forEach(headers::set);
        return ResponseEntity.status(AnthropicErrors.status(e)).headers(headers)
                .contentType(MediaType.APPLICATION_JSON).body(AnthropicErrors.json(e));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unexpected(Exception e, HttpServletRequest request) {
        if (BodyTooLarge.in(e)) { // the body was read past byom.http.max-body.gateway
            return gatewayError(GatewayError.tooLarge(BodyTooLarge.limitOf(request)));
        }
        if (e instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
            return gatewayError(new GatewayError(HttpStatus.valueOf(framework.getStatusCode().value()),
                    "invalid_request_error", null, null, "The request could not be processed as sent."));
        }
        // class name only: an exception's message may quote request data
        log.error("Unhandled {} while serving a Messages request", e.getClass().getName());
        return gatewayError(new GatewayError(HttpStatus.INTERNAL_SERVER_ERROR, "server_error", "internal_error", null,
                "Something went wrong on our side; retry, and report it if it persists."));
    }
}
