package dev.tasklane.store.quota;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/** The submissions of one owner of a tenant counted in the minute that starts at the key's {@code windowStart}. */
@MappedEntity(value = "owner_submission_window", escape = false)
public record OwnerSubmissionWindow(@EmbeddedId Key key, int submissions) {

    /** Whose minute it is. */
    @Embeddable
    public record Key(@MappedProperty("tenant") String tenant, @MappedProperty("owner") String owner,
                      @MappedProperty("window_start") Instant windowStart) {
    }
}
