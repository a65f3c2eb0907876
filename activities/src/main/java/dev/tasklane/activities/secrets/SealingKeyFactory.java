package dev.tasklane.activities.secrets;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Provides the sealing key when it is configured; the gateway module supplies one otherwise. */
@Factory
public class SealingKeyFactory {

    @Singleton
    @Requires(property = SealingKey.PROPERTY)
    SealingKey configuredSealingKey(@Value("${" + SealingKey.PROPERTY + "}") String base64) {
        return SealingKey.decode(base64);
    }
}
