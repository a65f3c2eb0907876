package dev.tasklane.gateway.service;

import io.micronaut.core.type.Argument;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.serde.Encoder;
import io.micronaut.serde.Serializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Writes a health result without the fields it lacks: an anonymous caller's {@code /health} is just
 * {@code {"status":"UP"}}, although the rest of the API writes its nulls.
 */
@Singleton
public class HealthResultSerializer implements Serializer<HealthResult> {

    @Override
    public void serialize(Encoder encoder, EncoderContext context, Argument<? extends HealthResult> type,
                          HealthResult result) throws IOException {
        Encoder object = encoder.encodeObject(type);
        if (result.getName() != null) {
            object.encodeKey("name");
            object.encodeString(result.getName());
        }
        object.encodeKey("status");
        object.encodeString(result.getStatus().getName());
        if (result.getDetails() != null) {
            object.encodeKey("details");
            @SuppressWarnings("unchecked")
            Argument<Object> details = Argument.of((Class<Object>) result.getDetails().getClass());
            context.findSerializer(details).createSpecific(context, details)
                    .serialize(object, context, details, result.getDetails());
        }
        object.finishStructure();
    }
}
