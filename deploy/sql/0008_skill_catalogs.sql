-- SkillsOrleans schema 0008: skill catalogs, one row per installed skill of each runtime.
-- A runtime publishes what changed in its workspace; only the changed skills' rows are written (an install or an
-- edit upserts one row, a removal deletes one), in one transaction with the runtime's header row. Before this the
-- catalogs lived inside each account's grain state and every publish rewrote the whole account. Metadata only:
-- names of the environment variables a skill needs, never a value.

CREATE TABLE IF NOT EXISTS skillsorleans_runtime_catalog
(
    runtime_id  text        PRIMARY KEY,
    account_id  text        NOT NULL,
    scanned_at  timestamptz NOT NULL,
    CONSTRAINT ck_skillsorleans_runtime_catalog_runtime_id CHECK (runtime_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    CONSTRAINT ck_skillsorleans_runtime_catalog_account_id CHECK (account_id ~ '^[a-z0-9][a-z0-9-]{0,62}$')
);

CREATE TABLE IF NOT EXISTS skillsorleans_skill
(
    runtime_id  text        NOT NULL REFERENCES skillsorleans_runtime_catalog (runtime_id) ON DELETE CASCADE,
    folder      text        NOT NULL,
    manifest    jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (runtime_id, folder)
);
