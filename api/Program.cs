using System.Text.Json.Serialization;
using SkillsOrleans.Api.Accounts;
using SkillsOrleans.Api.AdminPage;
using SkillsOrleans.Api.Activity;
using SkillsOrleans.Api.Auth;
using SkillsOrleans.Api.Credentials;
using SkillsOrleans.Api.Dashboard;
using SkillsOrleans.Api.DevIssuer;
using SkillsOrleans.Api.Errors;
using SkillsOrleans.Api.Health;
using SkillsOrleans.Api.Hosting;
using SkillsOrleans.Api.Listings;
using SkillsOrleans.Api.Platform;
using SkillsOrleans.Api.Runtimes;
using SkillsOrleans.Api.Skills;
using SkillsOrleans.Api.Webhooks;
using SkillsOrleans.Api.Limits;
using SkillsOrleans.Api.OpenApi;
using SkillsOrleans.ClientHosting;
using SkillsOrleans.ClientHosting.Accounts;
using SkillsOrleans.ClientHosting.Audit;
using SkillsOrleans.ClientHosting.Fleet;
using SkillsOrleans.ClientHosting.Configuration;
using SkillsOrleans.ClientHosting.Security;
using SkillsOrleans.ClientHosting.Telemetry;

var builder = WebApplication.CreateBuilder(args);
var cluster = ClusterSettings.From(builder.Configuration);

builder.UseOrleansClient(client => client
    .UsePostgresCluster(cluster)
    .UseClusterTls(builder.Configuration, builder.Environment.EnvironmentName)
    .UseConnectionRetryFilter<ClusterConnectionRetryFilter>()
    .AddClusterDashboard());
builder.Services.AddProblemDetails();
builder.AddTrustedProxies();

// Enums travel as their names, in bodies as in query strings, and the OpenAPI document says so.
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

// Unreadable requests throw in every environment (by default only in Development), to answer problem details.
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddExceptionHandler<BadRequestResults>();
builder.Services.AddExceptionHandler<ClusterErrorResults>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<CallerAccess>();
builder.Services.AddScoped<AccountCaller>();
builder.Services.AddSingleton<RuntimeSealingKeys>();
builder.Services.AddSingleton<CredentialDelivery>();
builder.Services.AddSingleton<AccountListingReads>();
builder.Services.AddAccountEvents(builder.Configuration);
builder.Services.AddPostgresAuditTrail(cluster.ConnectionString); // read here; rows are written by the grains
builder.Services.AddPostgresAccountDirectory(cluster.ConnectionString); // read here; each account grain writes its row
builder.Services.AddPostgresRuntimeRoster(cluster.ConnectionString); // read here; each runtime directory grain writes its row
builder.AddApiAuthentication();
builder.AddSkillsOrleansTelemetry("skillsorleans-api");
builder.Services.AddHostedService<WaitingKeysGauges>();
builder.AddDashboardAccess();
builder.AddRequestLimits();
builder.Services.AddApiDocument();
builder.AddAdminPage();
if (builder.Environment.IsDevelopment())
{
    builder.Services.AddDevIssuer(builder.Configuration);
}

var app = builder.Build();
app.UseTrustedProxies(); // first: everything after sees the client's scheme and address
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestBodyLimit();
app.UseApiAuthentication();
app.UseAuditContext();
app.UseCallerRateLimits();
app.MapApiDocument();
app.MapSkillsOrleansMetrics();
app.MapApiHealth();

var account = app.MapAccountRoutes(); // /api/accounts/{account}: the caller is checked against the account first
account.MapAccountAccessApi();
account.MapMembersApi();
account.MapAccountSettingsApi();
account.MapSkillsApi();
account.MapCredentialsApi();
account.MapRuntimesApi();
account.MapActivityApi();
account.MapAccountEventsApi();
account.MapWebhookApi();
app.MapWebhookKeys();
app.MapCredentialSubmissionAlias();
app.MapRuntimeHealthApi();
app.MapPlatformRoutes();
app.MapDashboard();
app.MapAdminPage();
if (app.Environment.IsDevelopment())
{
    app.MapDevIssuer();
}

await app.RunAsync();

/// <summary>Entry point type, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
