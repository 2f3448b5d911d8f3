package io.caas.benchmarks.pipeline;

import java.util.List;

/**
 * Closed-loop senders through the gateway: each sends its next POST /v1/messages when the previous one was
 * answered, as one of the load tenants (sender i as tenant i mod n). No thread waits: the answer's callback sends.
 */
final class GatewaySenders implements ClosedLoopRun.Senders {

    private final GatewayClient gateway;
    private final List<LoadTenant> tenants;
    private final String conversation;
    private final String body;

    GatewaySenders(GatewayClient gateway, List<LoadTenant> tenants, String conversation, String body) {
        this.gateway = gateway;
        this.tenants = tenants;
        this.conversation = conversation;
        this.body = body;
    }

    @Override
    public void start(int count, ClosedLoopRun.Answers answers) {
        for (int i = 0; i < count; i++) {
            sendNext(tenants.get(i % tenants.size()), answers);
        }
    }

    private void sendNext(LoadTenant tenant, ClosedLoopRun.Answers answers) {
        if (!answers.running()) {
            answers.senderStopped();
            return;
        }
        long sent = System.nanoTime();
        gateway.post(tenant, conversation, body).onComplete(answer -> {
            answers.answered(sent, answer.succeeded() && answer.result() == 202);
            sendNext(tenant, answers);
        });
    }
}
