package dev.tasklane.store.quota;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * Counts submissions per minute in the store, each tenant's and each owner's of a tenant, so every gateway sees
 * the same numbers; a slot is taken with one conditional UPDATE, and old minutes are dropped when a new one begins.
 * An {@code owner} of null means the whole tenant.
 */
@Singleton
public class SubmissionWindows {

    static final int CONTENDED_TRIES = 20;

    private final TenantSubmissionWindows tenants;
    private final OwnerSubmissionWindows owners;

    public SubmissionWindows(TenantSubmissionWindows tenants, OwnerSubmissionWindows owners) {
        this.tenants = tenants;
        this.owners = owners;
    }

    /** Submissions counted in the minute that starts at {@code windowStart}. */
    @Transactional
    public int count(String tenant, @Nullable String owner, Instant windowStart) {
        return window(tenant, owner, windowStart).count();
    }

    /**
     * Counts {@code count} more submissions in the window if it has room for them under {@code allowance}; false
     * when it has not. A conditional UPDATE that a concurrent one made miss is tried again; after
     * {@link #CONTENDED_TRIES} misses in a row the submissions are let through rather than refused for contention.
     */
    @Transactional
    public boolean take(String tenant, @Nullable String owner, Instant windowStart, int allowance, int count) {
        if (allowance < count) {
            return false;
        }
        Window window = window(tenant, owner, windowStart);
        for (int tries = 0; tries < CONTENDED_TRIES; tries++) {
            if (window.addWithin(count, allowance)) {
                return true;
            }
            int current = window.count();
            if (current + count > allowance) {
                return false;
            }
            if (current == 0) {
                window.start(count);
                return true;
            }
        }
        return true;
    }

    /** Gives back {@code count} submissions taken in the window, for a submission refused after it took them. */
    @Transactional
    public void giveBack(String tenant, @Nullable String owner, Instant windowStart, int count) {
        window(tenant, owner, windowStart).takeOff(count);
    }

    private Window window(String tenant, @Nullable String owner, Instant windowStart) {
        return owner == null ? new OfTenant(tenant, windowStart) : new OfOwner(tenant, owner, windowStart);
    }

    /** One minute's window of a tenant or of an owner, each in its own table. */
    private interface Window {

        int count();

        /** Adds {@code count} if the window stays within {@code allowance}; false when it would not or is not there. */
        boolean addWithin(int count, int allowance);

        void takeOff(int count);

        /**
         * Records the minute's first submissions and drops the older minutes. A gateway racing to insert the same row
         * makes this fail with a duplicate key; the caller then takes the slot again, through the UPDATE.
         */
        void start(int count);
    }

    private final class OfTenant implements Window {

        private final TenantSubmissionWindow.Key key;

        OfTenant(String tenant, Instant windowStart) {
            key = new TenantSubmissionWindow.Key(tenant, windowStart);
        }

        @Override
        public int count() {
            return tenants.findById(key).map(TenantSubmissionWindow::submissions).orElse(0);
        }

        @Override
        public boolean addWithin(int count, int allowance) {
            return tenants.addWithin(key.tenant(), key.windowStart(), count, allowance) == 1;
        }

        @Override
        public void takeOff(int count) {
            tenants.takeOff(key.tenant(), key.windowStart(), count);
        }

        @Override
        public void start(int count) {
            tenants.deleteStartedBefore(key.tenant(), key.windowStart().minusSeconds(60));
            tenants.save(new TenantSubmissionWindow(key, count));
        }
    }

    private final class OfOwner implements Window {

        private final OwnerSubmissionWindow.Key key;

        OfOwner(String tenant, String owner, Instant windowStart) {
            key = new OwnerSubmissionWindow.Key(tenant, owner, windowStart);
        }

        @Override
        public int count() {
            return owners.findById(key).map(OwnerSubmissionWindow::submissions).orElse(0);
        }

        @Override
        public boolean addWithin(int count, int allowance) {
            return owners.addWithin(key.tenant(), key.owner(), key.windowStart(), count, allowance) == 1;
        }

        @Override
        public void takeOff(int count) {
            owners.takeOff(key.tenant(), key.owner(), key.windowStart(), count);
        }

        @Override
        public void start(int count) {
            owners.deleteStartedBefore(key.tenant(), key.owner(), key.windowStart().minusSeconds(60));
            owners.save(new OwnerSubmissionWindow(key, count));
        }
    }
}
