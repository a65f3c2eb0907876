-- Which model made each vector. A search compares a query only with vectors of the model that embedded it, and
-- vectors of a model no longer configured are embedded again in the background. Vectors stored before this were
-- made by the word-hashing provider, the default then.
ALTER TABLE document_chunk ADD COLUMN embedding_model VARCHAR(100);
UPDATE document_chunk SET embedding_model = 'hashing-384' WHERE embedding IS NOT NULL;
ALTER TABLE document ADD COLUMN centroid_model VARCHAR(100);
UPDATE document SET centroid_model = 'hashing-384' WHERE centroid IS NOT NULL;

-- Search pages through one model's published chunks in id order, straight off an index.
DROP INDEX ix_document_chunk_search;
DROP INDEX ix_document_chunk_owner_search;
CREATE INDEX ix_document_chunk_search ON document_chunk (tenant, embedding_model, published, id);
CREATE INDEX ix_document_chunk_owner_search ON document_chunk (tenant, owner, embedding_model, published, id);
