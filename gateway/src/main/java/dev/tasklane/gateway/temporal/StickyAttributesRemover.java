package dev.tasklane.gateway.temporal;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.MethodDescriptor;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;

/**
 * Turns sticky execution off (the SDK has no switch for it): workflow task completions go out without sticky
 * attributes, so Temporal puts each workflow's next task on the shared queue, where any live worker takes it.
 */
final class StickyAttributesRemover implements ClientInterceptor {

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            @SuppressWarnings("unchecked")
            public void sendMessage(Q message) {
                if (message instanceof RespondWorkflowTaskCompletedRequest completion && completion.hasStickyAttributes()) {
                    super.sendMessage((Q) completion.toBuilder().clearStickyAttributes().build());
                } else {
                    super.sendMessage(message);
                }
            }
        };
    }
}
