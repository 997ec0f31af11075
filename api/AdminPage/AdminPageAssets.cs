using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace SkillsOrleans.Api.AdminPage;

/// <summary>
/// The page's files (<c>AdminPage/wwwroot</c>), embedded in this assembly so that the API serves them wherever it
/// runs, with no build step, no content root and no CDN. Read once; each carries a strong ETag of its bytes.
/// </summary>
public sealed class AdminPageAssets
{
    /// <summary>The resources' logical-name prefix, set in the project file.</summary>
    private const string Prefix = "admin-page/";

    private readonly FrozenDictionary<string, AdminPageAsset> _files;

    public AdminPageAssets()
    {
        var assembly = typeof(AdminPageAssets).Assembly;
        var types = new FileExtensionContentTypeProvider();
        var files = new Dictionary<string, AdminPageAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(name => name.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var path = name[Prefix.Length..].Replace('\\', '/');
            var type = types.TryGetContentType(path, out var known) ? known : "application/octet-stream";
            files[path] = new AdminPageAsset(
                bytes,
                type.StartsWith("text/", StringComparison.Ordinal) ? type + "; charset=utf-8" : type,
                new EntityTagHeaderValue('"' + Convert.ToBase64String(SHA256.HashData(bytes)[..16]) + '"'));
        }

        _files = files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public AdminPageAsset? Find(string path) => _files.GetValueOrDefault(path);
}

public sealed record AdminPageAsset(byte[] Bytes, string ContentType, EntityTagHeaderValue ETag);
