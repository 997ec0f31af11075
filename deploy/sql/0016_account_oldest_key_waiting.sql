-- SkillsOrleans schema 0016: since when each account's longest-waiting key has waited for an admin (the RequestedAt of
-- its oldest pending credential; NULL when none waits), in the account directory, so the platform can tell how long
-- requests wait (the skillsorleans_credentials_waiting_oldest_age_seconds gauge and its alert, docs/observability.md)
-- without asking every account. Each AccountGrain keeps it current with keys_waiting.

ALTER TABLE skillsorleans_account ADD COLUMN IF NOT EXISTS oldest_key_waiting_since timestamptz NULL;

-- Existing accounts get it from their stored credential index, as 0014 counted keys_waiting (same JSON: each
-- snapshot's "RequestedAt" is an ISO 8601 time, cut to microseconds as the grains store times, not rounded). Running
-- this again writes the same times.
UPDATE skillsorleans_account a
   SET oldest_key_waiting_since = w.oldest
  FROM (SELECT s.grainidextensionstring AS account_id,
               min(regexp_replace(c.value ->> 'RequestedAt', '(\.[0-9]{6})[0-9]+', '\1')::timestamptz) FILTER (WHERE c.value ->> 'Status' IN ('1', 'Pending')) AS oldest
          FROM orleansstorage s,
               jsonb_each(coalesce(convert_from(s.payloadbinary, 'UTF8')::jsonb -> 'Credentials', '{}'::jsonb)) c
         WHERE s.graintypestring = 'credential-index' AND s.payloadbinary IS NOT NULL
           AND c.key NOT LIKE '$%' AND jsonb_typeof(c.value) = 'object'
         GROUP BY s.grainidextensionstring) w
 WHERE a.account_id = w.account_id AND a.oldest_key_waiting_since IS DISTINCT FROM w.oldest;
