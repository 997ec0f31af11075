-- SkillsOrleans schema 0017: declined key requests in the activity trail.
-- credential.declined: an admin turned a pending key request down; the reason is the admin's, and the agents on the
-- runtime host read it back (docs/runtime/AGENTS.md). Drop and re-add keeps the script safe to run again; existing
-- rows all satisfy the wider set.

ALTER TABLE skillsorleans_audit DROP CONSTRAINT IF EXISTS ck_skillsorleans_audit_action;
ALTER TABLE skillsorleans_audit ADD CONSTRAINT ck_skillsorleans_audit_action CHECK (action IN (
    'credential.requested', 'credential.submitted', 'credential.rotated', 'credential.revoked',
    'credential.request_rejected', 'member.set', 'member.removed', 'account.created', 'runtime.bound',
    'account.settings_changed', 'runtime.unbound', 'credential.reconciled', 'runtime.identity_refused',
    'skill.installed', 'skill.removed', 'credential.declined'));
