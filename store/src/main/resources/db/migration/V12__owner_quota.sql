-- Per-owner quotas, so one user cannot fill their tenant's: submissions per owner and minute, shared by every
-- gateway, and an index that counts one owner's tasks in a status without reading their finished ones.
CREATE TABLE owner_submission_window (
    tenant        VARCHAR(100)             NOT NULL,
    owner         VARCHAR(200)             NOT NULL,
    window_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    submissions   INTEGER                  NOT NULL,
    PRIMARY KEY (tenant, owner, window_start)
);

CREATE INDEX ix_task_tenant_owner_status ON task (tenant, owner, status);
