-- The catalogue: partner codes are primary keys; `data` keeps the whole validated record,
-- typed columns carry what SQL filters and joins on.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'orienta_it') THEN
    CREATE TEXT SEARCH CONFIGURATION orienta_it (COPY = italian);
    ALTER TEXT SEARCH CONFIGURATION orienta_it
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, italian_stem;
  END IF;
END
$$;

-- unaccent() is only STABLE; the folded text is used in generated columns and indexes, which need
-- IMMUTABLE. Names are schema-qualified because index builds run with a restricted search_path.
DO $$
DECLARE
  ext_schema text;
BEGIN
  SELECT n.nspname INTO ext_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
   WHERE e.extname = 'unaccent';
  EXECUTE format(
    'CREATE OR REPLACE FUNCTION orienta_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE '
    'AS $fn$ SELECT lower(%I.unaccent(%L::regdictionary, coalesce(t, ''''))) $fn$',
    ext_schema, ext_schema || '.unaccent');
END
$$;

CREATE TABLE store_meta (
  key text PRIMARY KEY,
  value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE comuni (
  code text PRIMARY KEY,
  cadastral_code text NOT NULL UNIQUE,
  name text NOT NULL,
  province text NOT NULL,
  lat double precision,
  lon double precision,
  data jsonb NOT NULL,
  source text NOT NULL,
  content_hash text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comuni_name_idx ON comuni (orienta_fold(name));

CREATE TABLE sites (
  id text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL,
  provider text NOT NULL,
  comune_code text NOT NULL REFERENCES comuni (code) DEFERRABLE INITIALLY DEFERRED,
  lat double precision,
  lon double precision,
  data jsonb NOT NULL,
  source text NOT NULL,
  content_hash text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE courses (
  id text PRIMARY KEY,
  title text NOT NULL,
  provider text NOT NULL,
  site_id text NOT NULL REFERENCES sites (id) DEFERRABLE INITIALLY DEFERRED,
  topic text NOT NULL,
  level text NOT NULL,
  audience text[] NOT NULL,
  mode text NOT NULL,
  hours numeric,
  start_date date NOT NULL,
  end_date date NOT NULL,
  cost numeric CHECK (cost >= 0),
  seats integer CHECK (seats > 0),
  enrolment_deadline date,
  min_age integer,
  data jsonb NOT NULL,
  source text NOT NULL,
  content_hash text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX courses_site_idx ON courses (site_id);

CREATE TABLE services (
  id text PRIMARY KEY,
  title text NOT NULL,
  category text NOT NULL,
  provider text NOT NULL,
  site_ids text[] NOT NULL,
  audience text[] NOT NULL,
  bookable boolean NOT NULL,
  data jsonb NOT NULL,
  source text NOT NULL,
  content_hash text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE initiatives (
  id text PRIMARY KEY,
  title text NOT NULL,
  kind text NOT NULL,
  organizer text NOT NULL,
  site_id text REFERENCES sites (id) DEFERRABLE INITIALLY DEFERRED,
  start_date date NOT NULL,
  end_date date,
  application_deadline date,
  audience text[] NOT NULL,
  data jsonb NOT NULL,
  source text NOT NULL,
  content_hash text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Schools join to comuni by cadastral code at read time: the registry may arrive before the ISTAT list.
CREATE TABLE schools (
  id text PRIMARY KEY,
  name text NOT NULL,
  type text NOT NULL,
  cadastral_code text NOT NULL,
  state boolean NOT NULL,
  data jsonb NOT NULL,
  source text NOT NULL,
  content_hash text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX schools_cadastral_idx ON schools (cadastral_code);

-- A slot's ref is a course, service, initiative or (lab sessions) site: checked by ingest, not by a key.
CREATE TABLE slots (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('course', 'appointment', 'lab', 'event')),
  ref_id text NOT NULL,
  site_id text NOT NULL REFERENCES sites (id) DEFERRABLE INITIALLY DEFERRED,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  capacity integer NOT NULL CHECK (capacity > 0),
  taken integer NOT NULL DEFAULT 0,
  data jsonb NOT NULL,
  source text NOT NULL,
  content_hash text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Overbooking is impossible whatever the application does.
  CONSTRAINT slots_taken_within_capacity CHECK (taken >= 0 AND taken <= capacity),
  CHECK (end_at > start_at)
);
CREATE INDEX slots_ref_idx ON slots (ref_id, start_at);

CREATE TABLE document_chunks (
  id text PRIMARY KEY,
  source text NOT NULL,
  title text NOT NULL,
  headings text[] NOT NULL DEFAULT '{}',
  page integer,
  position integer NOT NULL DEFAULT 0,
  body text NOT NULL,
  language text NOT NULL DEFAULT 'it',
  data jsonb NOT NULL,
  content_hash text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per searchable record, derived from the tables above (see knowledge/search/index-sync.ts).
CREATE TABLE search_index (
  kind text NOT NULL,
  id text NOT NULL,
  title text NOT NULL,
  keywords text NOT NULL DEFAULT '',
  body text NOT NULL DEFAULT '',
  names text NOT NULL DEFAULT '',
  -- A service can be offered at several sites: every place it is found counts for "vicino a".
  comune_codes text[] NOT NULL DEFAULT '{}',
  lats double precision[] NOT NULL DEFAULT '{}',
  lons double precision[] NOT NULL DEFAULT '{}',
  audience text[] NOT NULL DEFAULT '{}',
  level text,
  cost numeric,
  online boolean,
  start_date date,
  end_date date,
  deadline date,
  content_hash text NOT NULL,
  name_terms text[] NOT NULL DEFAULT '{}',
  tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('orienta_it'::regconfig, title), 'A') ||
    setweight(to_tsvector('orienta_it'::regconfig, keywords), 'B') ||
    setweight(to_tsvector('orienta_it'::regconfig, body), 'C')
  ) STORED,
  PRIMARY KEY (kind, id)
);
CREATE INDEX search_index_tsv_idx ON search_index USING gin (tsv);
CREATE INDEX search_index_name_terms_idx ON search_index USING gin (name_terms);

-- The distinct words of all names: a query word is matched here by trigram similarity (typos),
-- then records are found through name_terms. Comparing a word with a few thousand short terms is
-- far cheaper than comparing a whole query with every record's names.
CREATE TABLE search_terms (
  term text PRIMARY KEY,
  -- How many records' names hold it: a term in hundreds of names distinguishes nothing.
  df integer NOT NULL DEFAULT 0
);
CREATE INDEX search_terms_trgm_idx ON search_terms USING gin (term gin_trgm_ops);
CREATE INDEX search_index_comuni_idx ON search_index USING gin (comune_codes);

-- Great-circle distance in km from a point to the nearest of several places (a service's sites).
CREATE OR REPLACE FUNCTION orienta_km(lats double precision[], lons double precision[], lat double precision, lon double precision)
  RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $fn$
    SELECT min(6371 * 2 * asin(sqrt(
             power(sin(radians(p.la - lat) / 2), 2) +
             cos(radians(lat)) * cos(radians(p.la)) * power(sin(radians(p.lo - lon) / 2), 2))))
      FROM unnest(lats, lons) AS p(la, lo)
  $fn$;
