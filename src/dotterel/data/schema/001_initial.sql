-- dotterel database schema, migration 1: documents, sentences, events, event entities.
-- Scope: the tables the store writes on ingest and recode and the queries read. Applied in
--   order with the other NNN_*.sql files of this directory by dotterel.migrations, each in one
--   transaction that also records its number in schema_version.
-- Rules for later migrations:
--   Never edit a migration that has been released; add NNN+1 instead. Migrations only move
--   forward. A later deduplication step adds its own tables (event clusters, and a mentions
--   table linking each events.id to its cluster) by a new migration: rows of `events` stay one
--   per mention, keyed by the stable `id`, so nothing here has to change for it.
-- Notes:
--   No foreign keys: DuckDB cannot delete a parent row that has children in the same
--   transaction, which recode needs. The store writes a document, its events and their
--   entities together in one transaction instead.
--   Times are UTC. Lists are VARCHAR[]. `date` is the ISO string as coded ("2017",
--   "2017-03" or "2017-03-20"); `date_start` is the first day of that period, for ranges.

CREATE TABLE schema_version (
    version           INTEGER PRIMARY KEY,   -- migration number
    applied_at        TIMESTAMP NOT NULL,    -- UTC
    dotterel_version  VARCHAR                -- package version that applied it
);

CREATE TABLE documents (
    doc_id            VARCHAR PRIMARY KEY,   -- hash of the cleaned text (records.make_doc_id)
    url               VARCHAR,
    title             VARCHAR,
    publisher         VARCHAR,
    published         DATE,
    published_basis   VARCHAR,               -- cli, metadata, header
    language          VARCHAR,
    source_path       VARCHAR,
    source_line       INTEGER,
    text              VARCHAR NOT NULL,
    ingested_at       TIMESTAMP NOT NULL,    -- UTC, first stored
    coder_version     VARCHAR                -- coder that last coded it (ingest or recode)
);

CREATE TABLE sentences (                     -- filled only with the store_sentences setting
    doc_id            VARCHAR NOT NULL,
    seq               INTEGER NOT NULL,      -- sentence index, as events.sentence_seq
    start_char        INTEGER NOT NULL,
    end_char          INTEGER NOT NULL,
    text              VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, seq)
);

CREATE TABLE events (                        -- one row per records.Event
    id                VARCHAR PRIMARY KEY,
    doc_id            VARCHAR NOT NULL,
    date              VARCHAR,
    date_precision    VARCHAR,               -- day, month, year
    date_basis        VARCHAR,               -- explicit, relative, publication
    date_text         VARCHAR,
    date_start        DATE,
    event             VARCHAR NOT NULL,      -- PLOVER type
    mode              VARCHAR[] NOT NULL,
    context           VARCHAR[] NOT NULL,
    aux               VARCHAR[] NOT NULL,    -- historical, future, hypothetical, negation
    cameo             VARCHAR,
    quad_class        INTEGER,
    goldstein         DOUBLE,
    plover_score      DOUBLE,
    event_text        VARCHAR,               -- the trigger as written
    text              VARCHAR,               -- the sentence
    sentence_seq      INTEGER,
    sentence_start    INTEGER,
    sentence_end      INTEGER,
    trigger_start     INTEGER,
    trigger_end       INTEGER,
    confidence        DOUBLE,
    coder             VARCHAR,               -- rule or lexicon entry, with the coder version
    coder_version     VARCHAR,
    extracted_place   VARCHAR,
    resolved_place    VARCHAR,
    loc_country       VARCHAR,
    lat               DOUBLE,
    lon               DOUBLE,
    loc_feature       VARCHAR,
    loc_resolution    VARCHAR,
    loc_basis         VARCHAR,
    actor_codes       VARCHAR[] NOT NULL,    -- derived from event_entities, for fast filters
    recipient_codes   VARCHAR[] NOT NULL,
    extra             VARCHAR                -- JSON: the coder's working notes (Event.extra)
);

CREATE INDEX events_doc_id ON events (doc_id);

CREATE TABLE event_entities (
    event_id          VARCHAR NOT NULL,
    role              VARCHAR NOT NULL,      -- actor, recipient
    position          INTEGER NOT NULL,      -- order within the role's list
    code              VARCHAR NOT NULL,
    sector            VARCHAR NOT NULL,
    other_sectors     VARCHAR[] NOT NULL,
    entity_text       VARCHAR,
    identifier_text   VARCHAR,
    office            VARCHAR,
    start_char        INTEGER,
    end_char          INTEGER,
    rule              VARCHAR,               -- how the mention was resolved
    PRIMARY KEY (event_id, role, position)
);
