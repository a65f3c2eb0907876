package dev.tasklane.store.intake;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** The intake switch's one row ({@link #SWITCH}): paused or not, and who moved it when. */
@MappedEntity(value = "intake", escape = false)
public record IntakeRow(@Id Integer id, boolean paused, @Nullable String changedBy, @Nullable Instant changedAt) {

    /** The id of the switch's row, which the schema creates. */
    public static final int SWITCH = 1;
}
