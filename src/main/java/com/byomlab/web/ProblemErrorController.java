package com.byomlab.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page, as problem details: errors that happen outside Spring MVC (a filter, the
 * container) keep their status and get a code; a client asking for /error itself gets a 404.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer n ? HttpStatus.resolve(n) : null;
        if (status == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemHandler.problem(HttpStatus.NOT_FOUND,
                    "not_found", "There is nothing at this path."));
        }
        String message = status.is5xxServerError()
                ? "Something went wrong on our side. Nothing was changed; retry, and report it if it persists."
                : "The request could not be processed: " + status.getReasonPhrase() + ".";
        return ResponseEntity.status(status).body(ProblemHandler.problem(status, status.is5xxServerError()
                ? "internal_error" : "bad_request", message));
    }
}
