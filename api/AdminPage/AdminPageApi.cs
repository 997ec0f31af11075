using Microsoft.AspNetCore.Http.HttpResults;
using SkillsOrleans.Api.Auth;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Api.AdminPage;

/// <summary>
/// The admin web page: <c>/{account}/admin/openclaw</c>, the fleet view <c>/admin/fleet</c> and the sign-in callback
/// answer the page itself (one page; its script shows what the address names), its scripts
/// and styles come from <c>/admin/assets/</c>, and <c>/admin/config.json</c> tells it how to sign in. All anonymous and
/// static: everything the page shows it reads from the API with the caller's bearer token. Left out of the OpenAPI
/// document, as they are no API operations (<see cref="AdminPageEndpoint"/> marks them).
/// </summary>
public static class AdminPageApi
{
    /// <summary>Where the OpenID Connect issuer sends the browser back to; one fixed address for every account.</summary>
    public const string SignedInPath = "/admin/signed-in";

    /// <summary>The fleet view: every runtime across accounts, for platform administrators (the API checks each read).</summary>
    public const string FleetPath = "/admin/fleet";

    private const string Revalidate = "no-cache";
    private const string DoNotStore = "no-store";

    public static WebApplicationBuilder AddAdminPage(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(provider => AdminPageSettings.From(
            builder.Configuration, builder.Environment, provider.GetRequiredService<AuthSettings>()));
        builder.Services.AddSingleton<AdminPageHeaders>();
        builder.Services.AddSingleton<AdminPageAssets>();
        return builder;
    }

    public static RouteGroupBuilder MapAdminPage(this IEndpointRouteBuilder endpoints)
    {
        // Read now, so a misconfigured issuer stops the API at start rather than at the first page view.
        endpoints.ServiceProvider.GetRequiredService<AdminPageSettings>();
        var page = endpoints.MapGroup("").ExcludeFromDescription().WithMetadata(AdminPageEndpoint.Instance);
        page.MapGet("/{account}/admin/openclaw", (string account, AdminPageAssets assets, AdminPageHeaders headers, HttpResponse response) =>
            ResourceIds.IsAccountId(account) ? File("index.html", assets, headers, response) : NotFound());
        foreach (var path in new[] { FleetPath, SignedInPath })
        {
            page.MapGet(path, (AdminPageAssets assets, AdminPageHeaders headers, HttpResponse response) =>
                File("index.html", assets, headers, response));
        }

        page.MapGet("/admin/assets/{**path}", (string path, AdminPageAssets assets, AdminPageHeaders headers, HttpResponse response) =>
            File(path, assets, headers, response));
        page.MapGet("/admin/config.json", (AdminPageSettings settings, AdminPageHeaders headers, HttpResponse response) =>
        {
            headers.Apply(response, DoNotStore);
            return TypedResults.Ok(AdminPageConfig.From(settings));
        });
        return page;
    }

    private static Results<FileContentHttpResult, NotFound> File(string path, AdminPageAssets assets, AdminPageHeaders headers, HttpResponse response)
    {
        if (assets.Find(path) is not { } asset)
        {
            return NotFound();
        }

        headers.Apply(response, Revalidate);
        return TypedResults.Bytes(asset.Bytes, asset.ContentType, entityTag: asset.ETag);
    }

    private static NotFound NotFound() => TypedResults.NotFound();
}

/// <summary>Marks the admin page's endpoints: static files and settings, not API operations.</summary>
public sealed class AdminPageEndpoint
{
    public static readonly AdminPageEndpoint Instance = new();

    private AdminPageEndpoint()
    {
    }
}

/// <summary>What <c>/admin/config.json</c> tells the page: the issuer to sign in with, and whether dev sign-in is on.</summary>
public sealed record AdminPageConfig(AdminPageOidcConfig? Oidc, bool DevSignIn, IReadOnlyList<DevSignInUser> DevUsers)
{
    public static AdminPageConfig From(AdminPageSettings settings) => new(
        settings.Oidc is { } oidc ? new AdminPageOidcConfig(oidc.Authority, oidc.ClientId, oidc.Scope, AdminPageApi.SignedInPath) : null,
        settings.DevSignIn,
        settings.DevUsers);
}

public sealed record AdminPageOidcConfig(string Authority, string ClientId, string Scope, string RedirectPath);
