-- Statistics the analytics task aggregates from finished tasks, per tenant: per day and type, and per hour and type.
CREATE TABLE task_stats_daily (
    tenant               VARCHAR(100)     NOT NULL,
    stat_day             DATE             NOT NULL,
    type                 VARCHAR(100)     NOT NULL,
    finished             BIGINT           NOT NULL,
    completed            BIGINT           NOT NULL,
    failed               BIGINT           NOT NULL,
    cancelled            BIGINT           NOT NULL,
    timed_out            BIGINT           NOT NULL,
    retries              BIGINT           NOT NULL,
    avg_duration_ms      DOUBLE PRECISION,
    p95_duration_ms      DOUBLE PRECISION,
    throughput_per_hour  DOUBLE PRECISION NOT NULL,
    computed_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, stat_day, type)
);

CREATE TABLE task_stats_hourly (
    tenant     VARCHAR(100) NOT NULL,
    stat_hour  TIMESTAMP WITH TIME ZONE NOT NULL,
    type       VARCHAR(100) NOT NULL,
    completed  BIGINT       NOT NULL,
    failed     BIGINT       NOT NULL,
    cancelled  BIGINT       NOT NULL,
    timed_out  BIGINT       NOT NULL,
    PRIMARY KEY (tenant, stat_hour, type)
);
