package io.caas.kafka.consumer;

import java.util.Optional;

/** How a consumer loop reads its topic. */
public sealed interface Subscription {

    /**
     * As a member of a consumer group: the group shares the partitions, offsets are committed after each handled
     * batch, and a new member starts at the group's committed offsets (else the earliest). With an
     * {@code instanceId} (the pod name) the member is static: restarted under the same id, it gets its partitions
     * back at once instead of after the session timeout.
     */
    record Group(String groupId, Optional<String> instanceId) implements Subscription {
    }

    /**
     * Every partition, without a group, starting at the end of each (events published from then on), nothing
     * committed: each replica sees every event. Partitions added to the topic later are found and read from
     * their beginning.
     */
    record EveryPartition() implements Subscription {
    }
}
