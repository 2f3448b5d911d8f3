package io.caas.kafka.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Each partition's lag is reported by exactly one member, including partitions that have no owner right now. */
class GroupShareTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);
    private static final TopicPartition P2 = new TopicPartition("t", 2);
    private static final Set<TopicPartition> ALL = Set.of(P0, P1, P2);

    @Test
    void membersReportWhatTheyOwnAndTogetherEveryPartitionOnce() {
        var members = List.of(member("m-a", "billing-a", P0, P1), member("m-b", "billing-b", P2));
        assertThat(GroupShare.reportable(ALL, members, true, "m-a", Optional.of("billing-a"))).containsExactlyInAnyOrder(P0, P1);
        assertThat(GroupShare.reportable(ALL, members, true, "m-b", Optional.of("billing-b"))).containsExactlyInAnyOrder(P2);
    }

    @Test
    void whileTheGroupRebalancesTheFirstMemberReportsEveryPartitionAndTheOthersNone() {
        var members = List.of(member("m-a", "billing-a", P0), member("m-b", "billing-b", P1, P2));
        assertThat(GroupShare.reportable(ALL, members, false, "m-a", Optional.of("billing-a"))).isEqualTo(ALL);
        assertThat(GroupShare.reportable(ALL, members, false, "m-b", Optional.of("billing-b"))).isEmpty();
    }

    @Test
    void partitionsNobodyOwnsAreReportedByTheFirstMemberOnly() {
        var members = List.of(member("m-b", "billing-b", P2), member("m-c", "billing-c"));
        assertThat(GroupShare.reportable(ALL, members, true, "m-b", Optional.of("billing-b"))).isEqualTo(ALL);
        assertThat(GroupShare.reportable(ALL, members, true, "m-c", Optional.of("billing-c"))).isEmpty();
    }

    @Test
    void aRestartedStaticMemberReportsWhatItsEarlierIncarnationStillOwnsBeforeItRejoins() {
        var earlier = List.of(member("m-old", "billing-0", P0, P1, P2));
        assertThat(GroupShare.reportable(ALL, earlier, true, "", Optional.of("billing-0"))).isEqualTo(ALL);
    }

    @Test
    void aMemberThatHasNotJoinedAndHasNoStaticIdClaimsNothing() {
        var others = List.of(member("m-b", "", P0));
        assertThat(GroupShare.reportable(ALL, others, true, "", Optional.empty())).isEmpty();
        assertThat(GroupShare.reportable(ALL, others, false, "", Optional.empty())).isEmpty();
    }

    @Test
    void withNoMemberLeftTheOneStartingReportsEverything() {
        assertThat(GroupShare.reportable(ALL, List.of(), true, "", Optional.of("billing-0"))).isEqualTo(ALL);
    }

    private static GroupShare.Member member(String memberId, String instanceId, TopicPartition... partitions) {
        return new GroupShare.Member(memberId, instanceId.isEmpty() ? Optional.empty() : Optional.of(instanceId), Set.of(partitions));
    }
}
