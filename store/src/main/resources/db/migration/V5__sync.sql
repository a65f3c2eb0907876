-- Data synced from external systems, keyed by the source's natural key per tenant (key first, so a batch's
-- "external_id IN (...)" lookup uses the primary key).
CREATE TABLE bank_transaction (
    tenant              VARCHAR(100)   NOT NULL,
    external_id         VARCHAR(200)   NOT NULL,
    account             VARCHAR(64),
    booked_on           DATE           NOT NULL,
    amount              DECIMAL(19, 2) NOT NULL,
    currency            CHAR(3)        NOT NULL,
    counterparty        VARCHAR(500),
    counterparty_tax_id VARCHAR(32),
    purpose             VARCHAR(2000),
    category            VARCHAR(100),
    category_rule       VARCHAR(100),
    content_hash        VARCHAR(64)    NOT NULL,
    synced_by           VARCHAR(200)   NOT NULL,
    synced_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (external_id, tenant)
);
CREATE INDEX ix_bank_transaction_booked ON bank_transaction (tenant, booked_on DESC, external_id DESC);

CREATE TABLE contractor (
    tenant        VARCHAR(100)  NOT NULL,
    external_id   VARCHAR(200)  NOT NULL,
    name          VARCHAR(500)  NOT NULL,
    tax_id        VARCHAR(32),
    kind          VARCHAR(32),
    email         VARCHAR(320),
    phone         VARCHAR(64),
    address       VARCHAR(1000),
    content_hash  VARCHAR(64)   NOT NULL,
    synced_by     VARCHAR(200)  NOT NULL,
    synced_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (external_id, tenant)
);
CREATE INDEX ix_contractor_name ON contractor (tenant, name, external_id);
CREATE INDEX ix_contractor_tax_id ON contractor (tenant, tax_id);

-- One row per sync task: its checkpoint and counts, written in the same transaction as each batch. The attempt
-- column fences out an attempt Temporal has given up on: only the newest attempt may commit.
CREATE TABLE sync_run (
    task_id          VARCHAR(200) NOT NULL PRIMARY KEY,
    attempt          INTEGER      NOT NULL,
    checkpoint_json  VARCHAR(10000) NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Records a sync could not map, with the reason, kept for the operator rather than dropped.
CREATE TABLE sync_failure (
    task_id      VARCHAR(200)  NOT NULL,
    seq          BIGINT        NOT NULL,
    page         BIGINT        NOT NULL,
    record_key   VARCHAR(200),
    reason       VARCHAR(1000) NOT NULL,
    record_json  VARCHAR(4000),
    PRIMARY KEY (task_id, seq)
);
