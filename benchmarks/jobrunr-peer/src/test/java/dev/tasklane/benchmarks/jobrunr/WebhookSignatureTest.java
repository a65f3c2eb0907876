package dev.tasklane.benchmarks.jobrunr;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The peer signs as Tasklane does: the expected value is what Tasklane's signer gave for the same key and body. */
class WebhookSignatureTest {

    @Test
    void signsLikeTasklane() {
        byte[] body = "{\"n\":7}".getBytes(StandardCharsets.UTF_8);

        assertEquals("v1=cc971ac0f3259fa58cf9ba261e5958319536579474591994677bbe6b534d4a17",
                WebhookSignature.sign("whsec-benchmark", 1765000000L, body));
    }
}
