using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SkillsOrleans.Model;

namespace SkillsOrleans.ClientHosting.Telemetry;

/// <summary>
/// Metrics, traces and logs as every SkillsOrleans host (silo or API) emits them: OpenTelemetry with our meter and
/// activity source plus Orleans' and ASP.NET Core's; metrics for Prometheus at <c>/metrics</c>; traces to an OTLP
/// collector when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; logs as JSON lines carrying the trace id.
/// </summary>
public static class TelemetryExtensions
{
    public static IHostApplicationBuilder AddSkillsOrleansTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(TelemetryNames.SkillsOrleans, "Microsoft.Orleans")
                    .AddAspNetCoreInstrumentation()
                    .AddPrometheusExporter();
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(TelemetryNames.SkillsOrleans, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !MetricsAccess.IsScrape(context));
                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    tracing.AddOtlpExporter();
                }
            });

        // Every log line carries the trace id of the request or grain call it belongs to: the audit rows' correlation id.
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (builder.Configuration.GetValue("Logging:Json", !builder.Environment.IsDevelopment()))
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        builder.Services.AddSingleton(MetricsAccess.From(builder.Configuration));
        return builder;
    }

    /// <summary>
    /// Serves <c>/metrics</c> for Prometheus to callers <see cref="MetricsAccess"/> lets in. The check is part of the
    /// endpoint, so every request routed to it meets the check, however its path is spelled.
    /// </summary>
    public static WebApplication MapSkillsOrleansMetrics(this WebApplication app)
    {
        var access = app.Services.GetRequiredService<MetricsAccess>();
        app.MapPrometheusScrapingEndpoint(MetricsAccess.Path)
            .ExcludeFromDescription() // operational, not API
            .Add(endpoint => endpoint.RequestDelegate = access.Guard(endpoint.RequestDelegate
                ?? throw new InvalidOperationException("The metrics endpoint has no handler to guard.")));
        return app;
    }
}
