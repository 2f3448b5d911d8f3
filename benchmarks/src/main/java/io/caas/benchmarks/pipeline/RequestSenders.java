package io.caas.benchmarks.pipeline;

import java.util.function.IntFunction;

import io.vertx.core.Future;

/**
 * Closed-loop senders over HTTP: sender i sends its next request when its previous one was answered. No thread
 * waits: the answer's callback sends. The request is given by the sender's index (e.g. which tenant it plays) and
 * says whether its answer was the expected one.
 */
final class RequestSenders implements ClosedLoopRun.Senders {

    private final IntFunction<Future<Boolean>> request;

    RequestSenders(IntFunction<Future<Boolean>> request) {
        this.request = request;
    }

    @Override
    public void start(int count, ClosedLoopRun.Answers answers) {
        for (int i = 0; i < count; i++) {
            sendNext(i, answers);
        }
    }

    private void sendNext(int sender, ClosedLoopRun.Answers answers) {
        if (!answers.running()) {
            answers.senderStopped();
            return;
        }
        long sent = System.nanoTime();
        request.apply(sender).onComplete(answer -> {
            answers.answered(sent, answer.succeeded() && answer.result());
            sendNext(sender, answers);
        });
    }
}
