package dev.orderflow.console.operations;

import dev.orderflow.console.ConsoleProperties;
import dev.orderflow.console.ConsoleProperties.MonitoredService;
import dev.orderflow.console.signin.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/operations}: what the operator's page reads and does; the security chain admits scope {@code ops} only. */
@RestController
@RequestMapping(path = "/api/operations", produces = MediaType.APPLICATION_JSON_VALUE)
class OperationsController {

    record Overview(List<String> groups, long sampledEverySeconds, List<LagHistory.Sample> samples,
            List<LagHistory.Outbox> outboxes, StackServices.Stack stack) {
    }

    private final ConsoleProperties properties;
    private final LagHistory history;
    private final DeadLetters deadLetters;
    private final StackServices stack;
    private final SignedInUser user;

    OperationsController(ConsoleProperties properties, LagHistory history, DeadLetters deadLetters,
            StackServices stack, SignedInUser user) {
        this.properties = properties;
        this.history = history;
        this.deadLetters = deadLetters;
        this.stack = stack;
        this.user = user;
    }

    @GetMapping("/overview")
    Overview overview() {
        return new Overview(properties.services().stream().map(MonitoredService::name).toList(),
                properties.sampleInterval().toSeconds(), history.samples(), history.outboxes(), stack.states());
    }

    @GetMapping("/dead-letters")
    List<DeadLetters.Group> deadLetters(HttpServletRequest request) {
        return deadLetters.list(user.accessToken(request));
    }

    @PostMapping("/dead-letters/{group}/replay")
    Map<String, Object> replay(@PathVariable String group, HttpServletRequest request) {
        return deadLetters.replay(group, user.accessToken(request));
    }

    @PostMapping("/services/{service}/{action}")
    StackServices.ServiceState control(@PathVariable String service, @PathVariable StackServices.Action action) {
        return stack.apply(service, action);
    }
}
