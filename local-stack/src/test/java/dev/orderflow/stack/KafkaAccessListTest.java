package dev.orderflow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** acls.env agrees with topics.env and with the contract's readers, so no topic or group is left unguarded. */
class KafkaAccessListTest {

    private static final KafkaAccessList ACCESS = KafkaAccessList.load();
    private static final EnvFile TOPICS = EnvFile.read(EnvFile.locate(EnvFile.KAFKA_TOPICS_DIR.resolve("topics.env")));

    @Test
    void everyServiceOfTheContractHasAPrincipal() {
        assertThat(ACCESS.grants()).extracting(KafkaAccessList.Grant::service).containsExactlyInAnyOrder(
                "order-service", "payment-worker", "inventory-worker", "email-worker", "sms-worker",
                "analytics-worker");
    }

    @Test
    void theAccessListCoversExactlyTheTopicsOfTopicsEnv() {
        Set<String> granted = new TreeSet<>();
        ACCESS.grants().forEach(grant -> {
            granted.addAll(grant.writes());
            granted.addAll(grant.reads());
        });
        Set<String> planned = new TreeSet<>(TOPICS.list("EVENT_TOPICS"));
        planned.addAll(TOPICS.list("DEAD_LETTER_TOPICS"));
        assertThat(granted).isEqualTo(planned);
    }

    @Test
    void eachEventTopicHasOneWriterAndTheContractsReaders() {
        Map<String, String> producers = Map.of("order-created", "order-service", "order-lifecycle", "order-service",
                "payment-events", "payment-worker", "inventory-events", "inventory-worker");
        for (String topic : TOPICS.list("EVENT_TOPICS")) {
            assertThat(servicesWhere(grant -> grant.writes().contains(topic))).as("writers of " + topic)
                    .containsExactly(producers.get(topic));
            assertThat(servicesWhere(grant -> grant.reads().contains(topic))).as("readers of " + topic)
                    .containsExactlyInAnyOrderElementsOf(TopicPlan.READERS.get(topic));
        }
    }

    @Test
    void everyDeadLetterTopicBelongsToExactlyTheGroupThatReadsItsSource() {
        for (String deadLetter : TOPICS.list("DEAD_LETTER_TOPICS")) {
            String[] parts = deadLetter.split("\\.");
            assertThat(parts).as(deadLetter + " is <topic>.<group>.DLT").hasSize(3);
            String source = parts[0];
            String group = parts[1];
            assertThat(servicesWhere(grant -> grant.writes().contains(deadLetter))).as("writers of " + deadLetter)
                    .containsExactly(group);
            assertThat(servicesWhere(grant -> grant.reads().contains(deadLetter))).as("readers of " + deadLetter)
                    .containsExactly(group);
            KafkaAccessList.Grant owner = ACCESS.grant(group);
            assertThat(owner.reads()).as(group + " reads the source of " + deadLetter).contains(source);
            assertThat(owner.groups()).contains(group);
        }
    }

    @Test
    void everyReaderOfAnEventTopicHasItsDeadLetterTopic() {
        Set<String> deadLetters = new HashSet<>(TOPICS.list("DEAD_LETTER_TOPICS"));
        for (KafkaAccessList.Grant grant : ACCESS.grants()) {
            grant.reads().stream().filter(topic -> !topic.endsWith(".DLT")).forEach(topic ->
                    assertThat(deadLetters).as(grant.service() + " reads " + topic)
                            .contains(topic + "." + grant.service() + ".DLT"));
        }
    }

    @Test
    void eachPrincipalUsesOnlyItsOwnGroupAndItsReplayGroup() {
        for (KafkaAccessList.Grant grant : ACCESS.grants()) {
            assertThat(grant.groups()).as(grant.service())
                    .containsExactly(grant.service(), grant.service() + ".dlt-replay");
        }
    }

    @Test
    void bindingsGrantWhatTheListSaysAndNothingElse() {
        Map<String, Set<String>> byPrincipal = ACCESS.bindings().stream().collect(Collectors.groupingBy(
                binding -> binding.entry().principal(), Collectors.mapping(KafkaAccessListTest::describe,
                        Collectors.toSet())));
        assertThat(byPrincipal.get("User:sms-worker")).containsExactlyInAnyOrder(
                "TOPIC order-created READ", "TOPIC order-created DESCRIBE",
                "TOPIC order-created.sms-worker.DLT READ", "TOPIC order-created.sms-worker.DLT WRITE",
                "TOPIC order-created.sms-worker.DLT DESCRIBE",
                "GROUP sms-worker READ", "GROUP sms-worker.dlt-replay READ");
        assertThat(byPrincipal.get("User:payment-worker"))
                .contains("TOPIC payment-events WRITE", "TOPIC order-created READ")
                .doesNotContain("TOPIC order-created WRITE", "TOPIC payment-events READ");
        assertThat(ACCESS.bindings()).extracting(binding -> binding.pattern().resourceType())
                .containsOnly(ResourceType.TOPIC, ResourceType.GROUP);
        assertThat(ACCESS.bindings()).extracting(binding -> binding.entry().operation())
                .containsOnly(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE);
    }

    private static List<String> servicesWhere(java.util.function.Predicate<KafkaAccessList.Grant> condition) {
        return ACCESS.grants().stream().filter(condition).map(KafkaAccessList.Grant::service).toList();
    }

    private static String describe(AclBinding binding) {
        return binding.pattern().resourceType() + " " + binding.pattern().name() + " " + binding.entry().operation();
    }
}
