package dev.orderflow.support.security;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Hands a {@code @PreAuthorize} refusal back to Spring Security, before a service's own catch-all
 * {@code @ExceptionHandler(Exception.class)} can turn it into a 500: the filter chain then answers 403 (or 401 for
 * an anonymous caller) with {@link ProblemResponses}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessDeniedProblems {

    @ExceptionHandler(AccessDeniedException.class)
    void refuse(AccessDeniedException denied) {
        throw denied;
    }
}
