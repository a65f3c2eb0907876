-- A document's content is stored once per owner, not once per tenant: another user of the tenant who sends the same
-- bytes gets a document of their own and learns nothing of the first one.
ALTER TABLE document DROP CONSTRAINT uq_document_checksum;
ALTER TABLE document ADD CONSTRAINT uq_document_owner_checksum UNIQUE (tenant, owner, checksum);

-- Documents link only to their owner's other documents: links made across owners before are dropped.
DELETE FROM document_link WHERE EXISTS (SELECT 1 FROM document mine, document theirs
    WHERE mine.id = document_link.document_id AND theirs.id = document_link.related_document_id
    AND mine.owner <> theirs.owner);
