-- An idempotency key belongs to the caller who sent it: another user of the tenant may use the same key for a
-- task of their own, and learns nothing of the first one.
ALTER TABLE task DROP CONSTRAINT uq_task_idempotency;
ALTER TABLE task ADD CONSTRAINT uq_task_owner_idempotency UNIQUE (tenant, owner, idempotency_key);
