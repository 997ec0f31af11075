-- SkillsOrleans schema 0018: each account's credential index, one row per credential. Before this the index was one
-- grain state row per account ('credential-index'), rewritten whole on every request, delivery, rotation and
-- revocation: 365 KB per change for an account with 1,000 credentials, and as many dead row versions for vacuum.
-- The account grain now upserts the one entry that changed. An entry is the credential's last acknowledged snapshot
-- (references, status, version, fingerprint, who and when; never a value). Core silos write it; runtime silos have
-- no grant. An account moves an index stored the old way here the first time it is activated, so rows written by
-- silos of the previous release during a rolling upgrade are moved too.

CREATE TABLE IF NOT EXISTS skillsorleans_credential_index
(
    account_id      text        COLLATE "C" NOT NULL,
    credential_ref  text        COLLATE "C" NOT NULL,
    -- Version and update time order the snapshots of one credential; a write of an older one changes nothing.
    version         integer     NOT NULL CHECK (version >= 0),
    updated_at      timestamptz NOT NULL,
    snapshot        jsonb       NOT NULL,
    PRIMARY KEY (account_id, credential_ref),
    CONSTRAINT ck_skillsorleans_credential_index_account_id CHECK (account_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    -- A credential ref starts with its account's id: account/runtime/skill/KEY.
    CONSTRAINT ck_skillsorleans_credential_index_ref CHECK (starts_with(credential_ref, account_id || '/'))
);
