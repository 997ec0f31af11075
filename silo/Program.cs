using SkillsOrleans.ClientHosting.Telemetry;
using SkillsOrleans.Hosting;
using SkillsOrleans.RuntimeHost.Diagnostics;
using SkillsOrleans.Silo;

if (args is ["certs", .. var certificateArguments])
{
    return CertificatesCommand.Run(certificateArguments);
}

// The content root is the executable's folder, not the working directory: appsettings.json (log levels, default
// ports) applies however the silo is started (run.sh, the test harnesses, a container).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

if (args is ["rotate-sealing-key"])
{
    return RotateSealingKeyCommand.Run(builder.Configuration);
}

if (args is ["migrate", ..])
{
    return await MigrateCommand.RunAsync(builder.Configuration);
}

if (builder.Configuration.GetValue("Database:MigrateOnStartup", false))
{
    await MigrateCommand.RunAsync(builder.Configuration);
}

builder.UseOrleans(silo => silo.ConfigureFrom(builder.Configuration, builder.Environment.EnvironmentName));
builder.AddSkillsOrleansTelemetry("skillsorleans-silo");

var app = builder.Build();
if (CrashPoints.Armed)
{
    app.Logger.LogWarning("Crash points are armed (SKILLSORLEANS_CRASH_POINTS): this silo kills itself at them; for crash tests only");
}

app.MapSiloHealth();
app.MapSkillsOrleansMetrics();
await app.RunAsync();
return 0;

/// <summary>The silo executable's entry point, named so that tests can host it (WebApplicationFactory).</summary>
public partial class Program;
