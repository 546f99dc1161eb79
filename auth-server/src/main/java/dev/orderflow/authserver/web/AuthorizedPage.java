package dev.orderflow.authserver.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The redirect URI of {@code scripts/token}: it reads the code from the redirect itself, so a person who follows
 * the same link in a browser only needs to be told where the code is.
 */
@RestController
class AuthorizedPage {

    @GetMapping(path = "/authorized", produces = MediaType.TEXT_PLAIN_VALUE)
    String authorized() {
        return "Signed in. The authorization code is the 'code' parameter of this page's address; "
                + "scripts/token exchanges it for a token.\n";
    }
}
