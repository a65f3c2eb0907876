package dev.tasklane.gateway.schedule;

import dev.tasklane.gateway.analytics.AnalyticsTaskType;
import dev.tasklane.gateway.cleanup.CleanupTaskType;
import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.config.TasklaneProperties;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.store.schedule.ScheduleRepository;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Async;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Creates the platform's own schedules when the store lacks them: a daily cleanup by retention and a daily analytics
 * of yesterday and today. An operator pauses or
 * changes them like any other; one deleted comes back at the next start unless the configuration turns it off.
 */
@Context
@ServesApi
public class DefaultSchedules {

    public static final String CLEANUP = "tasklane-cleanup";
    public static final String ANALYTICS = "tasklane-analytics";
    /** Who the default schedules' runs belong to. */
    static final String OWNER = "tasklane";

    private static final Logger LOG = LoggerFactory.getLogger(DefaultSchedules.class);

    private final DefaultScheduleProperties properties;
    private final String tenant;
    private final ScheduleRepository store;
    private final ScheduleReader reader;
    private final Schedules schedules;

    public DefaultSchedules(DefaultScheduleProperties properties, TasklaneProperties tasklane, ScheduleRepository store,
                            ScheduleReader reader, Schedules schedules) {
        this.properties = properties;
        this.tenant = tasklane.operatorTenant();
        this.store = store;
        this.reader = reader;
        this.schedules = schedules;
    }

    @EventListener
    @Async(TaskExecutors.BLOCKING)
    void onStartup(StartupEvent event) {
        if (properties.cleanup()) {
            ensure(CLEANUP, properties.cleanupCron(), CleanupTaskType.NAME);
        }
        if (properties.analytics()) {
            ensure(ANALYTICS, properties.analyticsCron(), AnalyticsTaskType.NAME);
        }
    }

    private void ensure(String name, String cron, String taskType) {
        if (store.findByTenantAndName(tenant, name).isPresent()) {
            return;
        }
        Caller platform = Caller.admin(OWNER, tenant);
        JsonNode definition = JsonNode.createObjectNode(Map.of(
                "name", JsonNode.createStringNode(name),
                "cron", JsonNode.createStringNode(cron),
                "timezone", JsonNode.createStringNode(properties.timezone()),
                "taskType", JsonNode.createStringNode(taskType)));
        try {
            schedules.create(reader.read(definition, null), platform, true);
            LOG.info("created the default schedule {} ({} {})", name, cron, properties.timezone());
        } catch (ProblemException e) {
            LOG.warn("the default schedule {} was not created: {}", name, e.getMessage());
        }
    }
}
