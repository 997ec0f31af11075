-- SkillsOrleans schema 0014: how many of each account's keys wait for an admin (credentials requested by an agent and
-- not yet given a value), in the account directory, so the fleet view can show the platform's total and each account's
-- without asking every account. Each AccountGrain keeps it current with the rest of its row.

ALTER TABLE skillsorleans_account ADD COLUMN IF NOT EXISTS keys_waiting integer NOT NULL DEFAULT 0;

DO $$ BEGIN
    ALTER TABLE skillsorleans_account ADD CONSTRAINT ck_skillsorleans_account_keys_waiting CHECK (keys_waiting >= 0);
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

-- Existing accounts get the count from their stored credential index (JSON, written by the System.Text.Json storage
-- serializer: "Credentials" maps each credential ref to its last snapshot, whose Status is Pending = 1; "$"-prefixed
-- keys are reference-handling metadata). An account whose index was never split from its state row counts 0 here
-- and is counted when its grain next activates. Running this again writes the same counts.
UPDATE skillsorleans_account a
   SET keys_waiting = w.pending
  FROM (SELECT s.grainidextensionstring AS account_id,
               count(*) FILTER (WHERE c.value ->> 'Status' IN ('1', 'Pending')) AS pending
          FROM orleansstorage s,
               jsonb_each(coalesce(convert_from(s.payloadbinary, 'UTF8')::jsonb -> 'Credentials', '{}'::jsonb)) c
         WHERE s.graintypestring = 'credential-index' AND s.payloadbinary IS NOT NULL
           AND c.key NOT LIKE '$%' AND jsonb_typeof(c.value) = 'object'
         GROUP BY s.grainidextensionstring) w
 WHERE a.account_id = w.account_id AND a.keys_waiting IS DISTINCT FROM w.pending;
