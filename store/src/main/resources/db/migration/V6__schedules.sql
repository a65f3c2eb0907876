-- Recurring schedules. The store owns the definitions: each one runs as a Temporal workflow with the schedule's id,
-- started again from here after a restart, because the embedded server forgets its workflows.
CREATE TABLE schedule (
    id             VARCHAR(200)     NOT NULL PRIMARY KEY,
    tenant         VARCHAR(100)     NOT NULL,
    name           VARCHAR(100)     NOT NULL,
    owner          VARCHAR(200)     NOT NULL,
    cron           VARCHAR(200)     NOT NULL,
    timezone       VARCHAR(64)      NOT NULL,
    task_type      VARCHAR(100)     NOT NULL,
    input_json     VARCHAR(1000000) NOT NULL,
    settings_json  VARCHAR(10000)   NOT NULL,
    priority       VARCHAR(20)      NOT NULL,
    enabled        BOOLEAN          NOT NULL,
    -- a default schedule of the platform (daily cleanup, daily analytics): its tasks cover every tenant
    built_in       BOOLEAN          NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_schedule_name UNIQUE (tenant, name)
);

-- The schedule a task was started by, if any.
ALTER TABLE task ADD COLUMN schedule_id VARCHAR(200);
CREATE INDEX ix_task_schedule ON task (schedule_id, created_at DESC);

-- Finished tasks by how long ago they ended, for the cleanup.
CREATE INDEX ix_task_status_completed ON task (status, completed_at);
