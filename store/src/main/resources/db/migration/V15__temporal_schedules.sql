-- Schedules run as Temporal Schedules: the definition keeps the overlap policy and catch-up window they were given,
-- so a Temporal Schedule can be made again from the store. The defaults are what schedules did before.
ALTER TABLE schedule ADD COLUMN overlap_policy VARCHAR(30) DEFAULT 'SKIP' NOT NULL;
ALTER TABLE schedule ADD COLUMN catchup_window_seconds BIGINT DEFAULT 86400 NOT NULL;
