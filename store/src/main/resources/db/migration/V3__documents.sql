-- Documents: each content stored once per tenant (by checksum), its extracted text, chunks with vectors, links.
CREATE TABLE document (
    id             VARCHAR(200)  NOT NULL PRIMARY KEY,
    tenant         VARCHAR(100)  NOT NULL,
    owner          VARCHAR(200)  NOT NULL,
    name           VARCHAR(500),
    checksum       VARCHAR(64)   NOT NULL,
    size_bytes     BIGINT        NOT NULL,
    media_type     VARCHAR(200),
    task_id        VARCHAR(200),
    result_json    VARCHAR(1000000),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_document_checksum UNIQUE (tenant, checksum)
);
CREATE INDEX ix_document_tenant_created ON document (tenant, created_at DESC, id DESC);

-- The uploaded bytes, in parts, so no process holds a large file in memory at once.
CREATE TABLE document_content (
    document_id  VARCHAR(200) NOT NULL,
    part         INTEGER      NOT NULL,
    bytes        BYTEA        NOT NULL,
    PRIMARY KEY (document_id, part)
);

-- The extracted plain text, in parts.
CREATE TABLE document_text (
    document_id  VARCHAR(200)    NOT NULL,
    part         INTEGER         NOT NULL,
    text         VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (document_id, part)
);

-- Chunks of the text; staged until the STORING stage publishes them to search.
CREATE TABLE document_chunk (
    id            VARCHAR(220)   NOT NULL PRIMARY KEY,
    document_id   VARCHAR(200)   NOT NULL,
    tenant        VARCHAR(100)   NOT NULL,
    seq           INTEGER        NOT NULL,
    text          VARCHAR(100000) NOT NULL,
    start_offset  BIGINT         NOT NULL,
    end_offset    BIGINT         NOT NULL,
    embedding     BYTEA,
    published     BOOLEAN        NOT NULL
);
CREATE INDEX ix_document_chunk_document ON document_chunk (document_id, seq);
CREATE INDEX ix_document_chunk_tenant ON document_chunk (tenant, published);

-- Links from a chunk to similar chunks of the tenant's other documents.
CREATE TABLE document_link (
    chunk_id             VARCHAR(220)     NOT NULL,
    related_chunk_id     VARCHAR(220)     NOT NULL,
    document_id          VARCHAR(200)     NOT NULL,
    related_document_id  VARCHAR(200)     NOT NULL,
    score                DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (chunk_id, related_chunk_id)
);
CREATE INDEX ix_document_link_document ON document_link (document_id);
CREATE INDEX ix_document_link_related ON document_link (related_document_id);
