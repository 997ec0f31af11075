using System.Text.RegularExpressions;
using SkillsOrleans.Hosting.Database;

namespace SkillsOrleans.UnitTests.Database;

/// <summary>
/// The verifier's form and derivation. That PostgreSQL accepts it — the right password logs in, a wrong one does
/// not — is shown against a real server by the cluster tests' ApplicationRoleTests.
/// </summary>
public sealed partial class ScramVerifierTests
{
    private static readonly byte[] Salt = Convert.FromBase64String("W22ZaJ0SNY7soEsUEjb6gQ==");

    [Fact]
    public void The_verifier_has_postgresql_s_form_and_holds_no_part_of_the_password()
    {
        var verifier = ScramVerifier.Create("pencil-pencil-pencil");

        var match = Form().Match(verifier);
        Assert.True(match.Success, verifier);
        Assert.Equal(16, Convert.FromBase64String(match.Groups["salt"].Value).Length);
        Assert.Equal(32, Convert.FromBase64String(match.Groups["stored"].Value).Length);
        Assert.Equal(32, Convert.FromBase64String(match.Groups["server"].Value).Length);
        Assert.DoesNotContain("pencil", verifier, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_password_and_salt_give_the_same_verifier_and_anything_else_another()
    {
        var verifier = ScramVerifier.Create("pencil", Salt);

        Assert.Equal(verifier, ScramVerifier.Create("pencil", Salt));
        Assert.NotEqual(verifier, ScramVerifier.Create("pencils", Salt));
        Assert.NotEqual(verifier, ScramVerifier.Create("pencil"));
        Assert.StartsWith("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$", verifier, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^SCRAM-SHA-256\$4096:(?<salt>[A-Za-z0-9+/=]+)\$(?<stored>[A-Za-z0-9+/=]+):(?<server>[A-Za-z0-9+/=]+)$")]
    private static partial Regex Form();
}
