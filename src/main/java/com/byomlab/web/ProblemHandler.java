package com.byomlab.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.PropertyBindingException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every error leaves as problem details with a {@code code}. Messages are written here, never
 * copied from an exception: exception texts can quote the request body, and with it a key.
 */
@RestControllerAdvice
class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    /** A field or parameter name as this API spells them; anything else came from the client and is not repeated. */
    private static final java.util.regex.Pattern JSON_NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9_]{0,63}");

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        ProblemDetail body = problem(problem.status(), problem.code(), problem.getMessage());
        problem.properties().forEach(body::setProperty);
        return ResponseEntity.status(problem.status()).body(body);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidFields(MethodArgumentNotValidException e) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            // the message only: a rejected value may be a key
            fields.putIfAbsent(JsonNames.snakeCase(error.getField()), error.getDefaultMessage());
        }
        String summary = fields.entrySet().stream().map(f -> f.getKey() + ": " + f.getValue())
                .reduce((a, b) -> a + "; " + b).orElse("the request is invalid");
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "validation_failed", "Fix these fields and retry — " + summary + ".");
        body.setProperty("fields", fields);
        return ResponseEntity.badRequest().body(body);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> invalidParameters(ConstraintViolationException e) {
        // the parameter's name and the rule's message ("must be less than or equal to 1000"), never the value sent
        Map<String, String> parameters = new java.util.TreeMap<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            String name = null;
            for (Path.Node node : violation.getPropertyPath()) {
                name = node.getName();
            }
            if (name != null && JSON_NAME.matcher(name).matches()) {
                parameters.putIfAbsent(name, violation.getMessage());
            }
        }
        if (parameters.isEmpty()) {
            return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "validation_failed",
                    "A request parameter is out of range; check the API documentation for the allowed values."));
        }
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "validation_failed", "Fix these parameters and retry — "
                + parameters.entrySet().stream().map(p -> p.getKey() + ": " + p.getValue())
                .reduce((a, b) -> a + "; " + b).orElseThrow() + ".");
        body.setProperty("fields", parameters);
        return ResponseEntity.badRequest().body(body);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        if (BodyTooLarge.in(e)) {
            return tooLarge(request);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiProblem refused) { // a text value refused as it was parsed (UserText)
                return apiProblem(refused);
            }
        }
        String field = failedField(e);
        if (field != null) {
            boolean outOfRange = causes(e).stream().anyMatch(InputCoercionException.class::isInstance);
            ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "malformed_request", "'" + field + "' "
                    + (outOfRange ? "is a number out of the range this field can hold"
                    : "has the wrong type (such as text where a number belongs, or a fraction where a whole number does)")
                    + ". Check the field in the API documentation and retry; nothing was changed.");
            body.setProperty("fields", Map.of(field, outOfRange ? "out of range" : "wrong type"));
            return ResponseEntity.badRequest().body(body);
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "malformed_request",
                "The request body is not valid JSON of the expected shape. Send a JSON object with "
                        + "Content-Type: application/json and check field types and quoting."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String expected = type == null ? "" : switch (type.getSimpleName()) {
            case "UUID" -> ": ids are UUIDs like 3f2c…-…";
            case "int", "Integer", "long", "Long" -> ": it must be a whole number within the range the API documents";
            case "LocalDate" -> ": it must be a date like 2026-11-30";
            default -> "";
        };
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "invalid_parameter",
                "'" + e.getName() + "' has the wrong format" + expected + "."));
    }

    /**
     * The JSON path of the field a body failed on ({@code expires_in_days}, {@code items[2].price}), when Jackson knows
     * it and every name in it is one of ours in form (snake_case): an unknown name is the client's text and not echoed.
     */
    private static String failedField(Throwable e) {
        for (Throwable t : causes(e)) {
            if (t instanceof JacksonException json && !(t instanceof PropertyBindingException)
                    && !json.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference ref : json.getPath()) {
                    if (ref.getPropertyName() != null) {
                        if (!JSON_NAME.matcher(ref.getPropertyName()).matches()) {
                            return null;
                        }
                        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? null : path.toString();
            }
        }
        return null;
    }

    private static java.util.List<Throwable> causes(Throwable e) {
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && chain.size() < 20; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "missing_parameter",
                "The parameter '" + e.getParameterName() + "' is required."));
    }

    /** Spring MVC's own refusals (405, 406, 415, 404 for unknown paths...): keep their status, add a code. */
    private ResponseEntity<ProblemDetail> framework(ErrorResponse e) {
        HttpStatusCode status = e.getStatusCode();
        String code = switch (status.value()) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> "bad_request";
        };
        String message = switch (status.value()) {
            case 404 -> "There is nothing at this path. See /v3/api-docs or the README for the API.";
            case 405 -> "This path does not accept that HTTP method.";
            case 415 -> "Send the body as application/json (login takes application/x-www-form-urlencoded).";
            default -> "The request could not be processed as sent.";
        };
        return ResponseEntity.status(status).headers(e.getHeaders()).body(problem(status, code, message));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (BodyTooLarge.in(e)) { // a controller reading its own body (CSV, form parameters) past the cap
            return tooLarge(request);
        }
        if (e instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
            return framework(framework);
        }
        if (isUnreadableRequest(e)) {
            return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "malformed_request",
                    "The request could not be read: check its encoding (percent-escapes, parameter names) and send "
                    + "JSON with Content-Type: application/json."));
        }
        if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("Content-Type")) {
            return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type", "Send a concrete Content-Type such as application/json, not a wildcard."));
        }
        if (hasSqlState(e, "22021", "22P05")) {
            return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "invalid_text",
                    "A text field contains a character that cannot be stored (such as NUL, \\u0000). Remove it and retry."));
        }
        if (DatabaseOutage.isOutage(e)) {
            log.warn("Database unreachable while serving a request ({})", e.getClass().getSimpleName());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .body(databaseUnavailable());
        }
        // class name only: the message of an unexpected exception may carry request data
        log.error("Unhandled {} while serving a request", e.getClass().getName());
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "Something went wrong on our side. Nothing was changed; retry, and report it if it persists."));
    }

    /** Sent with 503 and {@code Retry-After: 5}. */
    static ProblemDetail databaseUnavailable() {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "database_unavailable", "The service cannot reach its database "
                + "right now, so nothing was read or changed. Retry in a few seconds.");
    }

    private static ResponseEntity<ProblemDetail> tooLarge(HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(BodyTooLarge.limitOf(request)));
    }

    static ProblemDetail tooLarge(long limit) {
        ProblemDetail body = problem(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", BodyTooLarge.message(limit));
        if (limit >= 0) {
            body.setProperty("max_body_bytes", limit);
        }
        return body;
    }

    /** Broken percent-escapes or parameter names the firewall refuses: the client's request, not our fault. */
    private static boolean isUnreadableRequest(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.tomcat.util.http.InvalidParameterException
                    || t instanceof org.springframework.security.web.firewall.RequestRejectedException) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL refuses some characters (NUL) that H2 stores: the text is invalid input, not a server error. */
    private static boolean hasSqlState(Throwable e, String... states) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && java.util.List.of(states).contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static ProblemDetail problem(HttpStatusCode status, String code, String message) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, message);
        body.setProperty("code", code);
        return body;
    }
}
