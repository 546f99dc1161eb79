package dev.orderflow.orders.order.web;

import dev.orderflow.orders.config.RequestBodyLimit.RequestBodyTooLargeException;
import dev.orderflow.orders.idempotency.IdempotencyKeyReusedException;
import dev.orderflow.orders.order.OrderNotCancellableException;
import dev.orderflow.orders.order.OrderNotFoundException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Every error of the order API as an RFC 9457 problem ({@code application/problem+json}). Bad input is a 4xx whose
 * {@code errors} list names each bad field with what is wrong; nothing leaks a stack trace.
 */
@RestControllerAdvice
class OrderProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(OrderProblems.class);
    private static final URI INVALID_ORDER = URI.create("https://orderflow.dev/problems/invalid-request");
    private static final URI ALREADY_CANCELLED = URI.create("https://orderflow.dev/problems/order-already-cancelled");

    /** One bad field and what is wrong with it. */
    record FieldProblem(String field, String message) {
    }

    @ExceptionHandler(OrderNotFoundException.class)
    ProblemDetail notFound(OrderNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Order not found");
        problem.setProperty("orderId", e.orderId());
        return problem;
    }

    @ExceptionHandler(ForeignCustomerException.class)
    ProblemDetail foreignCustomer(ForeignCustomerException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Not this customer's");
        return problem;
    }

    @ExceptionHandler(OrderNotCancellableException.class)
    ProblemDetail notCancellable(OrderNotCancellableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(ALREADY_CANCELLED);
        problem.setTitle("Order already cancelled");
        problem.setProperty("orderId", e.orderId());
        problem.setProperty("cancellationReason", e.reason());
        return problem;
    }

    /**
     * Every change of an order holds its row lock, so its version check cannot fail; should a lock wait or a version
     * check fail all the same, the client is told to try again rather than shown a 500.
     */
    @ExceptionHandler(ConcurrencyFailureException.class)
    ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyFailureException e) {
        log.warn("Concurrent change of an order: {}", e.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The order was being changed at the same time; it is safe to retry");
        problem.setTitle("Concurrent change");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem);
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail keyReused(IdempotencyKeyReusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Idempotency-Key reused");
        problem.setProperty("errors", List.of(new FieldProblem(OrderController.IDEMPOTENCY_KEY, e.getMessage())));
        return problem;
    }

    @ExceptionHandler(InvalidIdempotencyKeyException.class)
    ProblemDetail invalidKey(InvalidIdempotencyKeyException e) {
        return invalid(List.of(new FieldProblem(OrderController.IDEMPOTENCY_KEY, e.getMessage())));
    }

    @ExceptionHandler(RequestBodyTooLargeException.class)
    ProblemDetail tooLarge(RequestBodyTooLargeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setTitle("Request body too large");
        problem.setProperty("maxBytes", e.maxBytes());
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be completed; it is safe to retry with the same Idempotency-Key");
        problem.setTitle("Internal error");
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors()
                .forEach(error -> problems.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        return ResponseEntity.badRequest().body(invalid(problems));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                problems.add(new FieldProblem(name, error.getDefaultMessage()));
            }
        });
        return ResponseEntity.badRequest().body(invalid(problems));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .body(invalid(List.of(new FieldProblem(e.getParameterName(), "is required"))));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(
            org.springframework.beans.TypeMismatchException e, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : String.valueOf(e.getPropertyName());
        if (e instanceof MethodArgumentTypeMismatchException mismatch
                && mismatch.getParameter().hasParameterAnnotation(
                        org.springframework.web.bind.annotation.PathVariable.class)) {
            // GET /orders/not-a-uuid: no such order can exist.
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No order " + mismatch.getValue() + " (order ids are UUIDs)");
            problem.setTitle("Order not found");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        String expected = e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName();
        return ResponseEntity.badRequest()
                .body(invalid(List.of(new FieldProblem(name, "must be of type " + expected))));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
            }
            if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
                return ResponseEntity.badRequest().body(invalid(
                        List.of(new FieldProblem(pathOf(databind), "has the wrong type or format: "
                                + databind.getOriginalMessage()))));
            }
            if (cause instanceof JacksonException jackson) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                        "The body is not valid JSON: " + jackson.getOriginalMessage());
                problem.setTitle("Malformed JSON");
                return ResponseEntity.badRequest().body(problem);
            }
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is missing or unreadable");
        problem.setTitle("Malformed JSON");
        return ResponseEntity.badRequest().body(problem);
    }

    private static ProblemDetail invalid(List<FieldProblem> problems) {
        List<FieldProblem> sorted = problems.stream()
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                sorted.size() == 1 ? "1 field is invalid: " + sorted.getFirst().field()
                        : sorted.size() + " fields are invalid: "
                                + String.join(", ", sorted.stream().map(FieldProblem::field).distinct().toList()));
        problem.setType(INVALID_ORDER);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", sorted);
        return problem;
    }

    /** e.g. {@code items[0].quantity}. */
    private static String pathOf(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
