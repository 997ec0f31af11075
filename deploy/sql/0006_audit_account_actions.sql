-- SkillsOrleans schema 0006: two more audited account changes.
-- account.settings_changed: an owner or platform admin switched the account's skills feature.
-- runtime.unbound: a runtime left the account (bound to another one).
-- Drop and re-add keeps the script safe to run again; existing rows all satisfy the wider set.

ALTER TABLE skillsorleans_audit DROP CONSTRAINT IF EXISTS ck_skillsorleans_audit_action;
ALTER TABLE skillsorleans_audit ADD CONSTRAINT ck_skillsorleans_audit_action CHECK (action IN (
    'credential.requested', 'credential.submitted', 'credential.rotated', 'credential.revoked',
    'credential.request_rejected', 'member.set', 'member.removed', 'account.created', 'runtime.bound',
    'account.settings_changed', 'runtime.unbound'));
