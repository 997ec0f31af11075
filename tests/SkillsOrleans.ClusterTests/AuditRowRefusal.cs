using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// Makes the database refuse audit rows of one action with a trigger — the way a real constraint or privilege
/// failure would — so tests can prove that a change whose row cannot be written is not made.
/// </summary>
public static class AuditRowRefusal
{
    public static Task RefuseAsync(string database, string action) => Sql.ExecuteAsync(database, $"""
        CREATE OR REPLACE FUNCTION refuse_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit rows refused for this test'; END $$;
        CREATE TRIGGER refuse_audit_rows BEFORE INSERT ON skillsorleans_audit
            FOR EACH ROW WHEN (NEW.action = '{action}') EXECUTE FUNCTION refuse_audit_row();
        """);

    public static Task AllowAsync(string database) => Sql.ExecuteAsync(database, "DROP TRIGGER refuse_audit_rows ON skillsorleans_audit");
}
