-- SkillsOrleans schema 0005: the audit trail.
-- One row per credential request, submission, rotation, revocation and refusal, and per membership or binding
-- change: who, what, which ref and version, the keyed-HMAC fingerprint and the outcome. Never a secret value.
-- Rows are append-only: UPDATE, DELETE and TRUNCATE raise, whoever asks. Only the table's owner or a superuser could
-- disable that trigger, so the application should not own the table (docs/database.md: privileges to revoke).
-- The value sets below are mirrored by AuditActions, AuditOutcomes and AuditActorKinds; a test keeps them equal.

CREATE TABLE IF NOT EXISTS skillsorleans_audit
(
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at    timestamptz NOT NULL DEFAULT now(),
    account_id     text        NOT NULL,
    runtime_id     text        NULL,
    actor          text        NOT NULL,
    actor_kind     text        NOT NULL,
    action         text        NOT NULL,
    credential_ref text        NULL,
    version        integer     NULL,
    fingerprint    text        NULL,
    outcome        text        NOT NULL,
    reason         text        NULL,
    correlation_id text        NULL,
    CONSTRAINT ck_skillsorleans_audit_account_id CHECK (account_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    CONSTRAINT ck_skillsorleans_audit_runtime_id CHECK (runtime_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    CONSTRAINT ck_skillsorleans_audit_actor CHECK (char_length(actor) BETWEEN 1 AND 255 AND actor !~ '[[:cntrl:][:space:]]'),
    CONSTRAINT ck_skillsorleans_audit_actor_kind CHECK (actor_kind IN ('user', 'agent', 'system')),
    CONSTRAINT ck_skillsorleans_audit_action CHECK (action IN (
        'credential.requested', 'credential.submitted', 'credential.rotated', 'credential.revoked',
        'credential.request_rejected', 'member.set', 'member.removed', 'account.created', 'runtime.bound')),
    -- A row can only name a credential of its own account (and of its runtime, when it names one).
    CONSTRAINT ck_skillsorleans_audit_credential_ref CHECK (
        char_length(credential_ref) <= 400
        AND split_part(credential_ref, '/', 1) = account_id
        AND (runtime_id IS NULL OR split_part(credential_ref, '/', 2) = runtime_id)),
    CONSTRAINT ck_skillsorleans_audit_version CHECK (version >= 0),
    -- Keyed-HMAC fingerprints only: the alphabet leaves no room for base64 padding, spaces or a pasted value.
    CONSTRAINT ck_skillsorleans_audit_fingerprint CHECK (fingerprint ~ '^[A-Za-z0-9:_-]{1,128}$'),
    CONSTRAINT ck_skillsorleans_audit_outcome CHECK (outcome IN ('accepted', 'rejected', 'refused', 'failed')),
    CONSTRAINT ck_skillsorleans_audit_reason CHECK (char_length(reason) BETWEEN 1 AND 500 AND reason !~ '[[:cntrl:]]'),
    CONSTRAINT ck_skillsorleans_audit_correlation_id CHECK (correlation_id ~ '^[!-~]{1,128}$')
);

-- Reading one account newest first, page after page (keyset on occurred_at, id).
CREATE INDEX IF NOT EXISTS ix_skillsorleans_audit_account_time
    ON skillsorleans_audit (account_id, occurred_at DESC, id DESC);

-- "When" is the database's clock: a writer cannot date a row into the past or the future.
CREATE OR REPLACE FUNCTION skillsorleans_audit_stamp()
RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    NEW.occurred_at := now();
    RETURN NEW;
END
$body$;

-- Statement-level, so it raises even when no row matches and covers TRUNCATE, which row triggers never see.
-- 42501 is what a client also gets once the privileges are revoked, so both read the same to the application.
CREATE OR REPLACE FUNCTION skillsorleans_audit_refuse_change()
RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    RAISE EXCEPTION 'skillsorleans_audit is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$body$;

-- Live views LISTEN on this channel; the payload names the row and its account, nothing else. Delivered on commit.
CREATE OR REPLACE FUNCTION skillsorleans_audit_notify()
RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    PERFORM pg_notify('skillsorleans_audit', json_build_object('id', NEW.id, 'account_id', NEW.account_id)::text);
    RETURN NULL;
END
$body$;

DO $do$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger
                    WHERE tgrelid = 'skillsorleans_audit'::regclass AND tgname = 'skillsorleans_audit_stamp') THEN
        CREATE TRIGGER skillsorleans_audit_stamp
            BEFORE INSERT ON skillsorleans_audit
            FOR EACH ROW EXECUTE FUNCTION skillsorleans_audit_stamp();
    END IF;

    IF NOT EXISTS (SELECT 1 FROM pg_trigger
                    WHERE tgrelid = 'skillsorleans_audit'::regclass AND tgname = 'skillsorleans_audit_append_only') THEN
        CREATE TRIGGER skillsorleans_audit_append_only
            BEFORE UPDATE OR DELETE OR TRUNCATE ON skillsorleans_audit
            FOR EACH STATEMENT EXECUTE FUNCTION skillsorleans_audit_refuse_change();
    END IF;

    IF NOT EXISTS (SELECT 1 FROM pg_trigger
                    WHERE tgrelid = 'skillsorleans_audit'::regclass AND tgname = 'skillsorleans_audit_notify') THEN
        CREATE TRIGGER skillsorleans_audit_notify
            AFTER INSERT ON skillsorleans_audit
            FOR EACH ROW EXECUTE FUNCTION skillsorleans_audit_notify();
    END IF;
END
$do$;
