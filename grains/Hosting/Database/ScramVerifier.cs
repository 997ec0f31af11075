using System.Security.Cryptography;
using System.Text;

namespace SkillsOrleans.Hosting.Database;

/// <summary>
/// A PostgreSQL SCRAM-SHA-256 password verifier (RFC 5802/7677, the form <c>pg_authid.rolpassword</c> stores), made
/// here so that <c>ALTER ROLE … PASSWORD</c> never carries the password itself to the server, where a failed or
/// logged statement could expose it. The same thing psql's <c>\password</c> does.
/// </summary>
public static class ScramVerifier
{
    /// <summary>PostgreSQL's default (<c>scram_iterations</c>).</summary>
    public const int Iterations = 4096;

    /// <summary><c>SCRAM-SHA-256$&lt;iterations&gt;:&lt;salt&gt;$&lt;StoredKey&gt;:&lt;ServerKey&gt;</c>, all base64.</summary>
    public static string Create(string password, byte[]? salt = null, int iterations = Iterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        salt ??= RandomNumberGenerator.GetBytes(16);

        // PostgreSQL normalises with SASLprep; for the passwords this accepts (see ApplicationRoleSettings) NFKC is it.
        var salted = Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(password.Normalize(NormalizationForm.FormKC)), salt, iterations, HashAlgorithmName.SHA256, 32);
        try
        {
            var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, "Client Key"u8));
            var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
            return $"SCRAM-SHA-256${iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(salted);
        }
    }
}
