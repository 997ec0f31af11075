-- SkillsOrleans schema 0003: grain state (Orleans ADO.NET grain storage).
-- Holds account, credential and runtime state: references, roles, statuses and fingerprints — never a secret.
-- Writes are optimistic: a write names the version it read, and succeeds only if the row is still at that version.

CREATE TABLE IF NOT EXISTS orleansstorage
(
    grainidhash            integer                     NOT NULL,
    grainidn0              bigint                      NOT NULL,
    grainidn1              bigint                      NOT NULL,
    graintypehash          integer                     NOT NULL,
    graintypestring        varchar(512)                NOT NULL,
    grainidextensionstring varchar(512)                NULL,
    serviceid              varchar(150)                NOT NULL,
    payloadbinary          bytea                       NULL,
    modifiedon             timestamp without time zone NOT NULL,
    version                integer                     NULL
);

CREATE INDEX IF NOT EXISTS ix_orleansstorage ON orleansstorage (grainidhash, graintypehash);

-- One row per grain and service, enforced by the database: two writers racing to create the same grain's first
-- state cannot both succeed, so the loser gets a version conflict instead of a silently duplicated row.
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain ON orleansstorage
    (grainidhash, graintypehash, grainidn0, grainidn1, graintypestring, coalesce(grainidextensionstring, ''), serviceid);

-- Returns the new version on success. On a conflict it returns the version the caller sent (NULL for a first
-- write), which Orleans reports as an InconsistentStateException.
CREATE OR REPLACE FUNCTION skillsorleans_write_grain_state(
    p_grainidhash integer, p_grainidn0 bigint, p_grainidn1 bigint, p_graintypehash integer,
    p_graintypestring varchar, p_grainidextensionstring varchar, p_serviceid varchar,
    p_version integer, p_payloadbinary bytea)
RETURNS integer LANGUAGE plpgsql AS $body$
BEGIN
    IF p_version IS NULL THEN
        INSERT INTO orleansstorage
            (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring,
             serviceid, payloadbinary, modifiedon, version)
        VALUES
            (p_grainidhash, p_grainidn0, p_grainidn1, p_graintypehash, p_graintypestring, p_grainidextensionstring,
             p_serviceid, p_payloadbinary, now() AT TIME ZONE 'utc', 1);
        RETURN 1;
    END IF;

    UPDATE orleansstorage
       SET payloadbinary = p_payloadbinary, modifiedon = now() AT TIME ZONE 'utc', version = version + 1
     WHERE grainidhash = p_grainidhash AND graintypehash = p_graintypehash
       AND grainidn0 = p_grainidn0 AND grainidn1 = p_grainidn1
       AND graintypestring = p_graintypestring
       AND grainidextensionstring IS NOT DISTINCT FROM p_grainidextensionstring
       AND serviceid = p_serviceid
       AND version = p_version;
    RETURN CASE WHEN FOUND THEN p_version + 1 ELSE p_version END;
EXCEPTION WHEN unique_violation THEN
    RETURN p_version;
END
$body$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('WriteToStorageKey', '
    SELECT skillsorleans_write_grain_state(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
        @ServiceId, @GrainStateVersion, @PayloadBinary) AS newgrainstateversion;'),
('ReadFromStorageKey', '
    SELECT payloadbinary, now() AT TIME ZONE ''utc'' AS readat, version
      FROM orleansstorage
     WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
       AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
       AND graintypestring = @GrainTypeString
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
       AND serviceid = @ServiceId;'),
('ClearStorageKey', '
    UPDATE orleansstorage
       SET payloadbinary = NULL, version = version + 1
     WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
       AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
       AND graintypestring = @GrainTypeString
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
       AND serviceid = @ServiceId
       AND version = @GrainStateVersion
    RETURNING version AS newgrainstateversion;'),
('DeleteStorageKey', '
    DELETE FROM orleansstorage
     WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
       AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
       AND graintypestring = @GrainTypeString
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
       AND serviceid = @ServiceId
       AND version = @GrainStateVersion
    RETURNING version + 1 AS newgrainstateversion;')
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
