package dev.tasklane.activities.secrets;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;

/** Provides the sealing key when it is configured, checked at startup; the gateway module supplies one otherwise. */
@Factory
public class SealingKeyFactory {

    @Context
    @Requires(property = SealingKey.PROPERTY)
    SealingKey configuredSealingKey(@Value("${" + SealingKey.PROPERTY + "}") String base64) {
        return SealingKey.decode(base64);
    }
}
