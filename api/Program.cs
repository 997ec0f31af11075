using SkillsOrleans.Api.Auth;
using SkillsOrleans.Api.DevIssuer;
using SkillsOrleans.Api.Health;
using SkillsOrleans.Hosting;
using SkillsOrleans.Hosting.Configuration;

var builder = WebApplication.CreateBuilder(args);

builder.UseOrleansClient(client => client
    .UsePostgresCluster(ClusterSettings.From(builder.Configuration))
    .UseConnectionRetryFilter<ClusterConnectionRetryFilter>());
builder.Services.AddProblemDetails();
builder.AddApiAuthentication();
if (builder.Environment.IsDevelopment())
{
    builder.Services.AddDevIssuer(builder.Configuration);
}

var app = builder.Build();
app.UseApiAuthentication();
app.MapApiHealth();
if (app.Environment.IsDevelopment())
{
    app.MapDevIssuer();
}

await app.RunAsync();

/// <summary>Entry point type, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
