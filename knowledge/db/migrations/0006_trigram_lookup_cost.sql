-- pg_trgm declares its % operator as cheap as an equality, so on a catalogue of a few thousand
-- terms the planner computes the trigram similarity of every term rather than use the trigram
-- index, which costs most of a search in PGlite's WASM. Declaring its true cost lets the planner
-- pick the index. Altering an extension's function needs its owner: where the store's role is not
-- (a managed server), search still works, only without this help, and the notice says so.
DO $$
BEGIN
  ALTER FUNCTION similarity_op(text, text) COST 100;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'similarity_op is not owned by this role: the trigram index is used only where the planner finds it cheaper';
END
$$;
