-- SkillsOrleans schema 0015: skill installs and removals in the activity trail.
-- skill.installed / skill.removed: a runtime's published catalog lists a skill folder its account's last catalog of
-- that runtime did not, or no longer lists one it did (docs/runtime/workspace-sync.md). The reason names the skill.
-- Drop and re-add keeps the script safe to run again; existing rows all satisfy the wider set.

ALTER TABLE skillsorleans_audit DROP CONSTRAINT IF EXISTS ck_skillsorleans_audit_action;
ALTER TABLE skillsorleans_audit ADD CONSTRAINT ck_skillsorleans_audit_action CHECK (action IN (
    'credential.requested', 'credential.submitted', 'credential.rotated', 'credential.revoked',
    'credential.request_rejected', 'member.set', 'member.removed', 'account.created', 'runtime.bound',
    'account.settings_changed', 'runtime.unbound', 'credential.reconciled', 'runtime.identity_refused',
    'skill.installed', 'skill.removed'));
