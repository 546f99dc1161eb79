package dev.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void deadLetterTopicIsNamedAfterSourceAndGroup() {
        assertThat(Topics.deadLetter(Topics.ORDER_CREATED, "email-worker")).isEqualTo("order-created.email-worker.DLT");
    }
}
