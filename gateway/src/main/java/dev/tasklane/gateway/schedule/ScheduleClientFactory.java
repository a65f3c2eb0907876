package dev.tasklane.gateway.schedule;

import dev.tasklane.gateway.config.TemporalProperties;
import dev.tasklane.gateway.temporal.TemporalConnection;
import io.micronaut.context.annotation.Factory;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import jakarta.inject.Singleton;

/** The client of Temporal Schedules, on the connection every other Temporal client shares. */
@Factory
public class ScheduleClientFactory {

    @Singleton
    ScheduleClient scheduleClient(TemporalConnection connection, TemporalProperties properties) {
        return ScheduleClient.newInstance(connection.stubs(),
                ScheduleClientOptions.newBuilder().setNamespace(properties.namespace()).build());
    }
}
