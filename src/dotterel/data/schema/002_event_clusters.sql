-- dotterel database schema, migration 2: event clusters (one real-world event, many reports).
-- Scope: the tables dotterel.clusters keeps after every ingest and recode batch: `event_clusters`
--   (one row per real-world event), `event_mentions` (each events.id to its cluster) and
--   `mention_blocks` (the blocking keys that find candidate duplicates) and `mention_links` (the
--   pairs found linked, so a later run compares only the new mentions). Rows of
--   `events` stay one per mention with their own evidence; nothing in migration 1 changes.
-- Rules:
--   `cluster_queue` holds the documents whose events changed since clustering last ran; the store
--   adds to it in the same transaction as the events (add_coded, replace_coded), and clustering
--   empties it in its own transaction, so a run killed in between is finished by the next one.
--   This migration queues every stored document: an upgraded database is clustered by the next
--   `dotterel ingest`, `recode` or `dedup`. Until then queries count each event on its own.
--   `dedup_state` records the settings and rules the clusters were made with; when they change,
--   the next clustering run rebuilds every cluster.
-- Notes:
--   Ids are deterministic: cluster_id is "c" + a hash of the smallest event id of the cluster's
--   fine mentions (of all its mentions for a cluster of coarse ones), region_id the smallest event
--   id of the region (linked mentions of one tier, re-clustered together).
--   mention_blocks holds each mention's blocking keys and date period, for the hash + range join
--   that finds candidates for new mentions without comparing all pairs. No secondary
--   indexes: DuckDB answers these joins and IN-list filters by scanning, and indexes would slow
--   the deletes and inserts of every batch.
--   first_seen/last_seen are publication dates of the member documents (else the day stored).

CREATE TABLE event_clusters (
    cluster_id        VARCHAR PRIMARY KEY,
    canonical_id      VARCHAR NOT NULL,      -- the most confident mention (events.id)
    event             VARCHAR NOT NULL,      -- PLOVER type of the canonical mention
    date              VARCHAR,
    date_precision    VARCHAR,
    date_start        DATE,
    actor_codes       VARCHAR[] NOT NULL,
    recipient_codes   VARCHAR[] NOT NULL,
    aux               VARCHAR[] NOT NULL,
    num_mentions      INTEGER NOT NULL,
    num_documents     INTEGER NOT NULL,
    num_sources       INTEGER NOT NULL,      -- distinct publishers (else URL hosts, else documents)
    first_seen        DATE,
    last_seen         DATE
);

CREATE TABLE event_mentions (
    event_id          VARCHAR PRIMARY KEY,   -- events.id
    cluster_id        VARCHAR NOT NULL,
    doc_id            VARCHAR NOT NULL,
    tier              VARCHAR NOT NULL,      -- fine (day precision or undated), coarse (month, year)
    region_id         VARCHAR,               -- its group of linked mentions; NULL when attached
    attached_to       VARCHAR,               -- for a coarse mention: the fine mention it joined
    score             DOUBLE,                -- similarity with which it joined (NULL: first member)
    features          VARCHAR NOT NULL       -- JSON: what clustering knows of it (dedup.Mention)
);

CREATE TABLE mention_blocks (                -- one row per country a dated mention names
    event_id          VARCHAR NOT NULL,
    block_key         VARCHAR NOT NULL,      -- type group | modality | country code
    lo                DATE NOT NULL,         -- first and last day of the mention's date
    hi                DATE NOT NULL
);

CREATE TABLE mention_links (                 -- every linked pair of clustered mentions, a < b
    a                 VARCHAR NOT NULL,      -- events.id
    b                 VARCHAR NOT NULL,
    score             DOUBLE NOT NULL        -- their evidence similarity
);

CREATE TABLE cluster_queue (
    doc_id            VARCHAR PRIMARY KEY
);

CREATE TABLE dedup_state (
    key               VARCHAR PRIMARY KEY,
    value             VARCHAR NOT NULL
);

INSERT INTO cluster_queue SELECT doc_id FROM documents;
