namespace SkillsOrleans.Api.Limits;

/// <summary>Registers the request limits: per-caller write and read rates (<see cref="CallerRateLimits"/>) and body size (<see cref="RequestBodyLimit"/>).</summary>
public static class RequestLimits
{
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = RequestLimitSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddCallerRateLimits(settings);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>Early in the pipeline, so that an oversized body is refused before anything reads it.</summary>
    public static void UseRequestBodyLimit(this WebApplication app) => app.UseMiddleware<RequestBodyLimit>();
}
