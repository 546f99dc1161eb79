package dev.orderflow.worker;

import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code GET /actuator/deadletters}: dead letters waiting per dead-letter topic;
 * {@code POST /actuator/deadletters}: replays them to this worker's group only.
 */
@Endpoint(id = "deadletters")
public class DeadLetterEndpoint {

    private final DeadLetterReplay replay;

    public DeadLetterEndpoint(DeadLetterReplay replay) {
        this.replay = replay;
    }

    @ReadOperation
    public Map<String, Long> pending() {
        return replay.pending();
    }

    @WriteOperation
    public DeadLetterReplay.Report replay() {
        return replay.replay();
    }
}
