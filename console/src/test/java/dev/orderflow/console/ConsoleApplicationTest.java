package dev.orderflow.console;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oauth2Login;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The console's own rules, without the services behind it: who gets which view and which API. The relays and the
 * page itself are proven against the real system by system-tests' ConsoleBrowserTest.
 */
@SpringBootTest(properties = "orderflow.console.stack-control=")
@AutoConfigureMockMvc
class ConsoleApplicationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void thePageIsServedToAnyone() throws Exception {
        mvc.perform(get("/index.html")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("orderflow console")));
    }

    @Test
    void theApiAnswers401NotARedirectToNobody() throws Exception {
        mvc.perform(get("/api/me")).andExpect(status().isUnauthorized());
    }

    @Test
    void aCustomerIsShownTheCustomerView() throws Exception {
        mvc.perform(get("/api/me").with(oauth2Login().attributes(a -> a.put("sub", "ada-1"))
                        .authorities(new SimpleGrantedAuthority("SCOPE_orders"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("ada-1"))
                .andExpect(jsonPath("$.role").value("customer"));
    }

    @Test
    void aCustomerMayNotUseTheOperationsApi() throws Exception {
        mvc.perform(get("/api/operations/overview").with(oauth2Login()
                        .authorities(new SimpleGrantedAuthority("SCOPE_orders"))))
                .andExpect(status().isForbidden());
    }

    @Test
    void operationsSeesThatThereIsNoStackToControlHere() throws Exception {
        mvc.perform(get("/api/operations/overview").with(oauth2Login()
                        .authorities(new SimpleGrantedAuthority("SCOPE_ops"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.groups[0]").value("order-service"))
                .andExpect(jsonPath("$.stack.available").value(false));
    }
}
