package io.caas.kafka.consumer;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

/**
 * Which partitions of a group's topic one member reports the lag of, so that the sum over all members counts each
 * partition once, also while some have no owner. Every member reads the same group description from the
 * coordinator and applies the same rule: a member reports what the group says it owns (including what an earlier
 * incarnation with its static instance id still owns, so a restarted pod reports at once); partitions nobody owns
 * (a dead member that has left, a rebalance in progress) are reported by the member whose id sorts first, so the
 * lag never disappears while it matters most.
 */
final class GroupShare {

    /** One member as the group describes it: member id, static instance id if any, its partitions of the topic. */
    record Member(String memberId, Optional<String> instanceId, Set<TopicPartition> partitions) {
        String identity() {
            return instanceId.orElse(memberId);
        }
    }

    private GroupShare() {
    }

    /**
     * @param stable whether the group is stable; while it rebalances, assignments are in flux and the first member
     *        reports every partition
     */
    static Set<TopicPartition> reportable(Set<TopicPartition> all, Collection<Member> members, boolean stable,
            String myMemberId, Optional<String> myInstanceId) {
        String me = myInstanceId.orElse(myMemberId);
        boolean first = !me.isEmpty() && members.stream().map(Member::identity)
                .filter(id -> !id.isEmpty()).allMatch(id -> me.compareTo(id) <= 0);
        if (!stable) {
            return first ? all : Set.of();
        }
        Set<TopicPartition> mine = new HashSet<>();
        Set<TopicPartition> owned = new HashSet<>();
        for (Member member : members) {
            owned.addAll(member.partitions());
            boolean isMe = (!myMemberId.isEmpty() && member.memberId().equals(myMemberId))
                    || (myInstanceId.isPresent() && member.instanceId().equals(myInstanceId));
            if (isMe) {
                mine.addAll(member.partitions());
            }
        }
        if (first) {
            for (TopicPartition partition : all) {
                if (!owned.contains(partition)) {
                    mine.add(partition);
                }
            }
        }
        mine.retainAll(all);
        return mine;
    }
}
