-- Each document's centroid (the normalised mean of its chunk vectors): linking compares a new document with the
-- tenant's documents first and reads chunks only of those close enough.
ALTER TABLE document ADD COLUMN centroid BYTEA;
