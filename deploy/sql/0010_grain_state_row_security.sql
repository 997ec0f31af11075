-- SkillsOrleans schema 0010: which roles may see which grain state rows.
-- Runtime silos run next to third-party skill code and connect as a role of their own, which may read and write
-- only the state of the grains a runtime silo hosts. Row-level security on orleansstorage enforces it, by the
-- grain type column (Orleans' ADO.NET storage writes the grain state's name there, e.g. 'runtime', 'account').
-- The storage functions are SECURITY INVOKER (the default), so the policies bind a call of
-- skillsorleans_write_grain_state exactly as they bind a plain statement. The table's owner (the migration) and
-- superusers are not bound. A role without a row in skillsorleans_grain_state_scope sees no state at all.
-- The migration's role provisioning fills the scope table (docs/database.md, Database roles).

CREATE TABLE IF NOT EXISTS skillsorleans_grain_state_scope
(
    role_name   name   PRIMARY KEY,
    -- NULL: every grain type; otherwise the grain types (state names) the role may read and write.
    grain_types text[] NULL,
    CONSTRAINT ck_skillsorleans_grain_state_scope_types CHECK (grain_types IS NULL OR cardinality(grain_types) > 0)
);

-- Roles that could read every grain state before this script keep that (e.g. an application role provisioned by an
-- earlier migration), so switching the protection on takes nothing away from a running deployment.
INSERT INTO skillsorleans_grain_state_scope (role_name, grain_types)
SELECT r.rolname, NULL
  FROM pg_roles r
 WHERE has_table_privilege(r.oid, 'orleansstorage', 'SELECT')
   AND NOT r.rolsuper AND r.rolname NOT LIKE 'pg\_%'
   AND r.oid <> (SELECT relowner FROM pg_class WHERE oid = 'orleansstorage'::regclass)
ON CONFLICT (role_name) DO NOTHING;

ALTER TABLE orleansstorage ENABLE ROW LEVEL SECURITY;

-- Both subqueries are uncorrelated, so PostgreSQL evaluates each once per statement, not once per row.
DROP POLICY IF EXISTS orleansstorage_every_grain_type ON orleansstorage;
CREATE POLICY orleansstorage_every_grain_type ON orleansstorage
    USING (EXISTS (SELECT 1 FROM skillsorleans_grain_state_scope s WHERE s.role_name = current_user AND s.grain_types IS NULL))
    WITH CHECK (EXISTS (SELECT 1 FROM skillsorleans_grain_state_scope s WHERE s.role_name = current_user AND s.grain_types IS NULL));

DROP POLICY IF EXISTS orleansstorage_listed_grain_types ON orleansstorage;
CREATE POLICY orleansstorage_listed_grain_types ON orleansstorage
    USING (graintypestring = ANY (ARRAY(SELECT unnest(s.grain_types) FROM skillsorleans_grain_state_scope s WHERE s.role_name = current_user)))
    WITH CHECK (graintypestring = ANY (ARRAY(SELECT unnest(s.grain_types) FROM skillsorleans_grain_state_scope s WHERE s.role_name = current_user)));
