package dev.tasklane.gateway.temporal;

import dev.tasklane.gateway.config.MetricsProperties;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Keeps the Temporal SDK's meters ({@code temporal_*}) from filling {@code /prometheus}: each of its timers is a
 * histogram of a dozen buckets instead of Micrometer's seventy-odd, and its meters are summed over workflow, activity,
 * signal, query and update types unless {@code tasklane.metrics.temporal-per-type} asks for them one by one.
 */
@Singleton
public class TemporalMeterFilter implements MeterFilter {

    private static final String PREFIX = "temporal_";
    private static final Set<String> PER_TYPE_TAGS = Set.of("workflow_type", "activity_type", "signal_name",
            "query_type", "update_name");
    private static final DistributionStatisticConfig FEW_BUCKETS = DistributionStatisticConfig.builder()
            .percentilesHistogram(false)
            .serviceLevelObjectives(List.of(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
                            Duration.ofSeconds(10), Duration.ofSeconds(60)).stream()
                    .mapToDouble(Duration::toNanos).toArray())
            .build();

    private final boolean perType;

    public TemporalMeterFilter(MetricsProperties metrics) {
        this.perType = metrics.temporalPerType();
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        if (perType || !id.getName().startsWith(PREFIX)) {
            return id;
        }
        List<Tag> kept = id.getTags().stream().filter(tag -> !PER_TYPE_TAGS.contains(tag.getKey())).toList();
        return kept.size() == id.getTags().size() ? id : id.replaceTags(kept);
    }

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        return id.getName().startsWith(PREFIX) ? FEW_BUCKETS.merge(config) : config;
    }
}
