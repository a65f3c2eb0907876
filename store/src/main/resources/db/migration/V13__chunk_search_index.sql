-- Search reads published chunks a page at a time in id order: the tenant's for a MANAGER, one owner's for a USER.
-- The owner is kept on each chunk so a USER's pages come off an index of their own chunks, never the tenant's.
DELETE FROM document_chunk WHERE NOT EXISTS (SELECT 1 FROM document WHERE document.id = document_chunk.document_id);
ALTER TABLE document_chunk ADD COLUMN owner VARCHAR(200);
UPDATE document_chunk SET owner = (SELECT owner FROM document WHERE document.id = document_chunk.document_id);
ALTER TABLE document_chunk ALTER COLUMN owner SET NOT NULL;

-- Both indexes end with the id, the page order, so a page is read straight off the index without a sort.
DROP INDEX ix_document_chunk_tenant;
CREATE INDEX ix_document_chunk_search ON document_chunk (tenant, published, id);
CREATE INDEX ix_document_chunk_owner_search ON document_chunk (tenant, owner, published, id);
