-- Limits per key on how many tasks run at once and start per period, shared by every worker: a row per key that the
-- tasks asking for its room lock in turn, the tasks holding room, the starts still inside their period, and the tasks
-- waiting for room in the order they take it (priority, then how long they have waited); a waiting task asks again at
-- least once a minute, so one that stopped asking long ago (its workflow ended unseen) no longer keeps others back.
CREATE TABLE flow_key (
    flow_key   VARCHAR(600)             NOT NULL PRIMARY KEY,
    touched_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE flow_hold (
    flow_key VARCHAR(600)             NOT NULL,
    task_id  VARCHAR(200)             NOT NULL,
    taken_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (flow_key, task_id)
);

CREATE INDEX ix_flow_hold_task ON flow_hold (task_id);

CREATE TABLE flow_start (
    flow_key   VARCHAR(600)             NOT NULL,
    task_id    VARCHAR(200)             NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (flow_key, task_id)
);

CREATE INDEX ix_flow_start_key_time ON flow_start (flow_key, started_at);

CREATE TABLE flow_wait (
    flow_key     VARCHAR(600)             NOT NULL,
    task_id      VARCHAR(200)             NOT NULL,
    priority_key INTEGER                  NOT NULL,
    since        TIMESTAMP WITH TIME ZONE NOT NULL,
    asked_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (flow_key, task_id)
);

CREATE INDEX ix_flow_wait_order ON flow_wait (flow_key, priority_key, since, task_id);

CREATE INDEX ix_flow_wait_task ON flow_wait (task_id);

-- When a task's priority last changed (an operator, or ageing): ageing moves a task that has waited that long again.
ALTER TABLE task ADD COLUMN priority_changed_at TIMESTAMP WITH TIME ZONE;
