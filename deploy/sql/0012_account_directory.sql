-- SkillsOrleans schema 0012: the account directory, one row per account, which the platform's account list reads in
-- pages. Before this the list came from the fleet index grain, whose one state row held every account id and was
-- rewritten whole on each creation, and every read asked every account grain for its snapshot. Each account grain
-- now keeps its own row here (settings and counts; no member ids). Core silos write it; runtime silos have no grant.

CREATE TABLE IF NOT EXISTS skillsorleans_account
(
    -- "C" collation: pages are ordered as the API orders ids (ordinally), and the key index serves "after <id>".
    account_id          text        COLLATE "C" PRIMARY KEY,
    display_name        text        NOT NULL,
    created_at          timestamptz NOT NULL,
    skills_poc_enabled  boolean     NOT NULL,
    members             integer     NOT NULL CHECK (members >= 0),
    runtimes            integer     NOT NULL CHECK (runtimes >= 0),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_skillsorleans_account_account_id CHECK (account_id ~ '^[a-z0-9][a-z0-9-]{0,62}$')
);

-- Accounts that exist already get their row from their stored grain state (JSON, written by the System.Text.Json
-- storage serializer: property names as in AccountState; "$"-prefixed keys are reference-handling metadata).
-- Rows present are left alone, so running this again changes nothing.
INSERT INTO skillsorleans_account (account_id, display_name, created_at, skills_poc_enabled, members, runtimes)
SELECT s.grainidextensionstring,
       coalesce(s.state ->> 'DisplayName', ''),
       -- .NET writes 100 ns ticks; PostgreSQL would round the seventh digit, the grains drop it.
       coalesce(regexp_replace(s.state ->> 'CreatedAt', '(\.[0-9]{6})[0-9]+', '\1')::timestamptz, '-infinity'),
       coalesce((s.state ->> 'SkillsPocEnabled')::boolean, false),
       (SELECT count(*) FROM jsonb_object_keys(coalesce(s.state -> 'Members', '{}'::jsonb)) k WHERE k NOT LIKE '$%'),
       (SELECT count(*) FROM jsonb_object_keys(coalesce(s.state -> 'Runtimes', '{}'::jsonb)) k WHERE k NOT LIKE '$%')
  FROM (SELECT grainidextensionstring, convert_from(payloadbinary, 'UTF8')::jsonb AS state
          FROM orleansstorage
         WHERE graintypestring = 'account' AND payloadbinary IS NOT NULL
           AND grainidextensionstring ~ '^[a-z0-9][a-z0-9-]{0,62}$') s
 WHERE coalesce((s.state ->> 'Exists')::boolean, false)
ON CONFLICT (account_id) DO NOTHING;
