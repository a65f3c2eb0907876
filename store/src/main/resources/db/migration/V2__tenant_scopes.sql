-- What tenant scoping and quotas need: owners on events, a USER's own-task index, submission windows.
-- Events name the task's owner, so a USER's all-tasks stream and its replay carry only their own tasks.
ALTER TABLE task_event ADD COLUMN owner VARCHAR(200);
UPDATE task_event SET owner = COALESCE((SELECT t.owner FROM task t WHERE t.id = task_event.task_id), '');
ALTER TABLE task_event ALTER COLUMN owner SET NOT NULL;

CREATE INDEX ix_task_event_owner ON task_event (tenant, owner, id);
-- A USER's own tasks, newest first.
CREATE INDEX ix_task_tenant_owner_created ON task (tenant, owner, created_at DESC, id DESC);

-- Submissions per tenant and minute: the submission-rate quota, shared by every gateway.
CREATE TABLE tenant_submission_window (
    tenant        VARCHAR(100)             NOT NULL,
    window_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    submissions   INTEGER                  NOT NULL,
    PRIMARY KEY (tenant, window_start)
);
