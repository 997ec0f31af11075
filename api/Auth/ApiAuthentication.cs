using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using SkillsOrleans.Api.DevIssuer;

namespace SkillsOrleans.Api.Auth;

/// <summary>
/// JWT bearer authentication against the configured JWKS (<see cref="AuthSettings"/>), the platform-admin policy
/// and <c>GET /api/me</c>. Endpoints opt in with <c>.RequireAuthorization()</c>.
/// </summary>
public static class ApiAuthentication
{
    /// <summary>Reads <see cref="AuthSettings"/> (throwing when they are incomplete) and registers the services.</summary>
    public static WebApplicationBuilder AddApiAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = AuthSettings.From(builder.Configuration, builder.Environment);
        var services = builder.Services;
        services.AddSingleton(settings);
        var admins = new PlatformAdmins(settings.PlatformAdmins);
        services.AddSingleton(admins);
        services.AddSingleton<BearerTokenRules>();
        services.AddSingleton<JwksTokenHandler>();
        services.AddSingleton<BearerChallengeEvents>();
        services.AddSingleton(provider => new JwksKeySource(
            settings,
            settings.JwksFromDevIssuer
                ? new DevIssuerJwksDocuments(provider.GetRequiredService<DevTokenIssuer>())
                : new JwksHttpDocuments(settings.RequireHttpsJwks),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<JwksKeySource>>()));

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<JwksTokenHandler>((options, handler) => Configure(options, handler, settings));
        services.AddAuthorizationBuilder().AddPolicy(PlatformAdmins.Policy, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => admins.IsPlatformAdmin(context.User)));
        return builder;
    }

    public static void UseApiAuthentication(this WebApplication app)
    {
        if (app.Services.GetRequiredService<AuthSettings>().Audience is null)
        {
            AuthLog.NoAudience(app.Logger);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.MapMe();
    }

    private static void Configure(JwtBearerOptions options, JwksTokenHandler handler, AuthSettings settings)
    {
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(handler);
        options.MapInboundClaims = false;
        options.SaveToken = false;
        options.IncludeErrorDetails = false;
        options.RefreshOnIssuerKeyNotFound = false;
        options.EventsType = typeof(BearerChallengeEvents);
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidateIssuer = true,
            ValidAudience = settings.Audience,
            ValidateAudience = settings.Audience is not null,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
            ClockSkew = settings.ClockSkew,
            TryAllIssuerSigningKeys = false,
            NameClaimType = UserClaims.Subject,
            // Fails closed: only the JWKS token handler supplies keys, per request, from the JWKS.
            IssuerSigningKeyResolver = static (_, _, _, _) => [],
        };
    }
}
