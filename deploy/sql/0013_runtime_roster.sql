-- SkillsOrleans schema 0013: the runtime roster, one row per runtime the platform knows and the account it is bound to
-- (NULL: none), which the fleet view reads in pages. Before this the list lived in the fleet index grain's one state
-- row, rewritten whole on every binding: 330 KB per write at 10,000 runtimes, and a bind rate that fell as the fleet
-- grew. Each runtime's directory grain now keeps its own row. Core silos write it; runtime silos have no grant.

CREATE TABLE IF NOT EXISTS skillsorleans_runtime
(
    -- "C" collation: pages are ordered as the API orders ids (ordinally), and the key index serves "after <id>".
    runtime_id  text        COLLATE "C" PRIMARY KEY,
    account_id  text,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_skillsorleans_runtime_runtime_id CHECK (runtime_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    CONSTRAINT ck_skillsorleans_runtime_account_id CHECK (account_id ~ '^[a-z0-9][a-z0-9-]{0,62}$')
);

-- Runtimes listed already get their rows from the fleet index's stored state (JSON, written by the System.Text.Json
-- storage serializer: "Runtimes" maps each runtime id to its account or null; "$"-prefixed keys are
-- reference-handling metadata). Rows present are left alone, so running this again changes nothing.
INSERT INTO skillsorleans_runtime (runtime_id, account_id)
SELECT r.key, nullif(r.value, '')
  FROM orleansstorage s,
       jsonb_each_text(coalesce(convert_from(s.payloadbinary, 'UTF8')::jsonb -> 'Runtimes', '{}'::jsonb)) r
 WHERE s.graintypestring = 'fleet-index' AND s.payloadbinary IS NOT NULL
   AND r.key ~ '^[a-z0-9][a-z0-9-]{0,62}$'
   AND (r.value IS NULL OR r.value ~ '^[a-z0-9][a-z0-9-]{0,62}$')
ON CONFLICT (runtime_id) DO NOTHING;
