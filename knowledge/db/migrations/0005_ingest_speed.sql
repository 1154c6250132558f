-- search_index.tsv was a generated column, so PostgreSQL stemmed title, keywords and body for
-- every row written, even when thousands of rows share them (editions of one course, the same
-- description at several sites): in WASM that was most of a large load. knowledge/search/index-sync.ts
-- now computes it once per distinct text of each batch, with the same expression:
--   setweight(to_tsvector('orienta_it', title), 'A') || setweight(to_tsvector('orienta_it', keywords), 'B')
--     || setweight(to_tsvector('orienta_it', body), 'C')
-- Existing values are kept. NOT NULL makes a writer that forgets it fail loudly instead of
-- leaving a record that full text can never find.
ALTER TABLE search_index ALTER COLUMN tsv DROP EXPRESSION;
ALTER TABLE search_index ALTER COLUMN tsv SET NOT NULL;
