-- SkillsOrleans schema 0009: one more audited credential action.
-- credential.reconciled: a runtime host's reconciler found a credential and the host's secret file apart and
-- brought them in step (or, for a value no credential records, reported it and left it in place).
-- Drop and re-add keeps the script safe to run again; existing rows all satisfy the wider set.

ALTER TABLE skillsorleans_audit DROP CONSTRAINT IF EXISTS ck_skillsorleans_audit_action;
ALTER TABLE skillsorleans_audit ADD CONSTRAINT ck_skillsorleans_audit_action CHECK (action IN (
    'credential.requested', 'credential.submitted', 'credential.rotated', 'credential.revoked',
    'credential.request_rejected', 'member.set', 'member.removed', 'account.created', 'runtime.bound',
    'account.settings_changed', 'runtime.unbound', 'credential.reconciled'));
