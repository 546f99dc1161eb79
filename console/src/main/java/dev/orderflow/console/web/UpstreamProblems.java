package dev.orderflow.console.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

/**
 * An upstream answer the console relays: an error from order-service or a worker goes to the browser as it came
 * when it is already a problem body, wrapped in one otherwise; a service that does not answer becomes a 502.
 */
@RestControllerAdvice
class UpstreamProblems {

    @ExceptionHandler(RestClientResponseException.class)
    ResponseEntity<Object> upstreamRefused(RestClientResponseException e) {
        MediaType type = e.getResponseHeaders() == null ? null : e.getResponseHeaders().getContentType();
        if (type != null && MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type)) {
            return ResponseEntity.status(e.getStatusCode()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(e.getResponseBodyAsString());
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.getStatusCode(),
                "A service behind the console answered " + e.getStatusCode().value());
        return ResponseEntity.status(e.getStatusCode()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(ResourceAccessException.class)
    ProblemDetail upstreamDown(ResourceAccessException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
                "A service behind the console is not answering: " + e.getMessage());
        problem.setTitle("Service not answering");
        return problem;
    }
}
