using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SkillsOrleans.ClientHosting.Security;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Testing;

namespace SkillsOrleans.SecurityTests;

/// <summary>
/// A silo hosts a runtime only when it proves that runtime with the runtime's own certificate; anyone else who joins
/// the cluster and claims it (with the database password and another tenant's certificate, say) is refused loudly,
/// also after the real host restarts, and two silos proving one runtime are refused rather than one preferred.
/// </summary>
[Collection(TlsClusterCollection.Name)]
public sealed class RuntimeIdentityTests(TlsCluster cluster)
{
    private Task<IHost> ApiClientAsync() => cluster.StartClientAsync(cluster.Credentials(ClusterPeerIdentity.Client));

    [Fact]
    public async Task An_impostor_with_another_runtimes_certificate_never_hosts_the_runtime_it_claims()
    {
        using var api = await ApiClientAsync();
        var grains = api.Services.GetRequiredService<IClusterClient>();
        await grains.GetGrain<IAccountGrain>("tenant-x").CreateAsync(new AccountCreation("Tenant X", "owner-x", true));
        await grains.GetGrain<IAccountGrain>("tenant-x").BindRuntimeAsync("rt-x");

        await cluster.StartImpostorSiloAsync("rt-x", cluster.Credentials(ClusterPeerIdentity.Runtime("rt-b")));

        var refused = await Assert.ThrowsAsync<RuntimeOfflineException>(() => grains.GetGrain<IRuntimeGrain>("rt-x").GetStatusAsync());
        Assert.Equal("only silos without proof claim this runtime", refused.IdentityRefusal);
        await Eventually.TrueAsync(async () => await cluster.AuditRowsAsync("tenant-x", AuditActions.RuntimeIdentityRefused) >= 1);
        Assert.Contains("its certificate names spiffe://skillsorleans/runtime/rt-b", TlsCluster.Log(cluster.Core) + TlsCluster.Log(cluster.RuntimeSilo), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_real_host_restarts_beside_an_impostor_the_runtime_returns_to_the_real_host()
    {
        using var api = await ApiClientAsync();
        var runtime = api.Services.GetRequiredService<IClusterClient>().GetGrain<IRuntimeGrain>(TlsCluster.LegitRuntime);
        var before = await runtime.GetSealingKeyAsync();
        await cluster.StartImpostorSiloAsync(TlsCluster.LegitRuntime, cluster.Credentials(ClusterPeerIdentity.Runtime("rt-b")));

        await cluster.RuntimeSilo.KillAsync();
        cluster.RuntimeSilo.Start();

        var after = await Eventually.ValueAsync(
            async () =>
            {
                try
                {
                    return await runtime.GetSealingKeyAsync();
                }
                catch (Exception error) when (error is not OutOfMemoryException)
                {
                    return null;
                }
            },
            key => key is not null,
            TimeSpan.FromSeconds(120));
        Assert.Equal(before.Spki, after!.Spki);
        await Eventually.TrueAsync(async () => await cluster.AuditRowsAsync(TlsCluster.LegitAccount, AuditActions.RuntimeIdentityRefused) >= 1);
    }

    [Fact]
    public async Task Two_silos_proving_one_runtime_are_refused_rather_than_one_preferred()
    {
        using var api = await ApiClientAsync();
        await cluster.StartImpostorSiloAsync("rt-y", cluster.Credentials(ClusterPeerIdentity.Runtime("rt-y")));
        await cluster.StartImpostorSiloAsync("rt-y", cluster.Credentials(ClusterPeerIdentity.Runtime("rt-y")));

        var refused = await Assert.ThrowsAsync<RuntimeOfflineException>(
            () => api.Services.GetRequiredService<IClusterClient>().GetGrain<IRuntimeGrain>("rt-y").GetStatusAsync());

        Assert.StartsWith("several silos prove this runtime", refused.IdentityRefusal, StringComparison.Ordinal);
    }
}
