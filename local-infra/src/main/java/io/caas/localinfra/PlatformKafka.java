package io.caas.localinfra;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The platform's Kafka, as every environment sets it up: its topics and, per service principal, the least it may
 * do. gateway only writes caas.messages; socket only reads it; billing reads it in its group and writes the
 * dead-letter topic. Nobody else may do anything (the authorizer denies what no ACL allows). The k8s dev-infra
 * Job grants the same (a k8s test keeps them equal).
 */
public final class PlatformKafka {

    public static final String MESSAGES = "caas.messages";
    public static final String DEAD_LETTERS = "caas.messages.dlt";
    public static final String BILLING_GROUP = "billing";

    /** The principals of the services, one each; {@code admin} (a super user) sets the platform up. */
    public static final List<String> SERVICES = List.of("gateway", "socket", "billing");
    public static final String ADMIN = "admin";

    private PlatformKafka() {
    }

    public static List<NewTopic> topics(int partitions) {
        return List.of(new NewTopic(MESSAGES, partitions, (short) 1), new NewTopic(DEAD_LETTERS, partitions, (short) 1));
    }

    public static List<AclBinding> acls() {
        List<AclBinding> acls = new ArrayList<>();
        allow(acls, "gateway", ResourceType.TOPIC, MESSAGES, AclOperation.WRITE, AclOperation.DESCRIBE);
        allow(acls, "socket", ResourceType.TOPIC, MESSAGES, AclOperation.READ, AclOperation.DESCRIBE);
        allow(acls, "billing", ResourceType.TOPIC, MESSAGES, AclOperation.READ, AclOperation.DESCRIBE);
        allow(acls, "billing", ResourceType.GROUP, BILLING_GROUP, AclOperation.READ, AclOperation.DESCRIBE);
        allow(acls, "billing", ResourceType.TOPIC, DEAD_LETTERS, AclOperation.WRITE, AclOperation.DESCRIBE);
        return acls;
    }

    private static void allow(List<AclBinding> acls, String principal, ResourceType type, String name, AclOperation... operations) {
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                    new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW)));
        }
    }
}
