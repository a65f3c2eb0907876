-- The Temporal run a task's catalog row follows. A reset in Temporal starts a new run of the same workflow: its first
-- change takes the row over (a finished task runs again), and changes a run it left behind still sends are dropped.
ALTER TABLE task ADD COLUMN run_id VARCHAR(64);
