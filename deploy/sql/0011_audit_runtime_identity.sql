-- SkillsOrleans schema 0011: one more audited action.
-- runtime.identity_refused: placement refused a silo that claimed a runtime without proof, or refused to choose
-- between several silos that proved it (docs/cluster-tls.md). Recorded under the account the runtime is bound to.
-- Drop and re-add keeps the script safe to run again; existing rows all satisfy the wider set.

ALTER TABLE skillsorleans_audit DROP CONSTRAINT IF EXISTS ck_skillsorleans_audit_action;
ALTER TABLE skillsorleans_audit ADD CONSTRAINT ck_skillsorleans_audit_action CHECK (action IN (
    'credential.requested', 'credential.submitted', 'credential.rotated', 'credential.revoked',
    'credential.request_rejected', 'member.set', 'member.removed', 'account.created', 'runtime.bound',
    'account.settings_changed', 'runtime.unbound', 'credential.reconciled', 'runtime.identity_refused'));
