package dev.orderflow.console.signin;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: who is signed in and which view is theirs; 401 for nobody. */
@RestController
class Me {

    record SignedIn(String name, String role) {
    }

    @GetMapping("/api/me")
    SignedIn me(Authentication authentication) {
        boolean operations = authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("SCOPE_ops"));
        return new SignedIn(authentication.getName(), operations ? "operations" : "customer");
    }
}
