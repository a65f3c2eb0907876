-- Whether workers take new tasks: one row, read by every worker process, kept across restarts.
CREATE TABLE intake (
    id          INTEGER      NOT NULL PRIMARY KEY,
    paused      BOOLEAN      NOT NULL,
    changed_by  VARCHAR(200),
    changed_at  TIMESTAMP WITH TIME ZONE
);
INSERT INTO intake (id, paused) VALUES (1, FALSE);
