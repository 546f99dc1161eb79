package dev.orderflow.worker;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The last line of defence if the batch listener itself fails: never skip (the default handlers would eventually
 * recover, i.e. commit past, the whole batch); send every partition back to the batch's first record instead. The
 * ledger makes the redelivered records that were already done harmless.
 */
class RedeliverBatchOnError implements CommonErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(RedeliverBatchOnError.class);

    @Override
    public void handleBatch(Exception thrownException, ConsumerRecords<?, ?> data, Consumer<?, ?> consumer,
            MessageListenerContainer container, Runnable invokeListener) {
        Map<TopicPartition, Long> first = new LinkedHashMap<>();
        for (ConsumerRecord<?, ?> record : data) {
            first.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
        }
        log.error("Batch listener failed; {} partition(s) will be consumed again from {}", first.size(), first,
                thrownException);
        first.forEach(consumer::seek);
    }

    @Override
    public boolean seeksAfterHandling() {
        return true;
    }

    @Override
    public boolean isAckAfterHandle() {
        return false;
    }
}
