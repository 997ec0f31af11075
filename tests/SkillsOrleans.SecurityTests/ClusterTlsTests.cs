using Microsoft.Extensions.DependencyInjection;
using SkillsOrleans.ClientHosting.Security;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.CrashHarness;
using SkillsOrleans.Hosting.Security;
using SkillsOrleans.Testing;

namespace SkillsOrleans.SecurityTests;

/// <summary>
/// Only holders of a certificate from the cluster's own authority reach the cluster, and only in the role their
/// certificate names: the attack this closes is any local process (an agent's skill next to a runtime silo) opening
/// an Orleans client on 127.0.0.1 and calling any tenant's grains.
/// </summary>
[Collection(TlsClusterCollection.Name)]
public sealed class ClusterTlsTests(TlsCluster cluster)
{
    [Fact]
    public async Task A_client_with_the_clusters_client_certificate_reaches_the_runtime()
    {
        using var client = await cluster.StartClientAsync(cluster.Credentials(ClusterPeerIdentity.Client));

        var key = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IRuntimeGrain>(TlsCluster.LegitRuntime).GetSealingKeyAsync();

        Assert.False(string.IsNullOrEmpty(key.Spki)); // served by the one silo that holds rt-a's sealing key
    }

    [Fact]
    public async Task A_client_speaking_plain_tcp_is_refused()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => cluster.StartClientAsync(tls: null));

        Assert.IsNotType<OperationCanceledException>(error); // refused, not merely slow
    }

    [Fact]
    public async Task A_client_with_a_certificate_from_another_authority_is_refused_and_the_silo_says_why()
    {
        using var foreign = ClusterCertificateAuthority.Create(TimeSpan.FromDays(30), TimeProvider.System);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => cluster.StartClientAsync(cluster.Credentials(ClusterPeerIdentity.Client, foreign)));

        Assert.IsNotType<OperationCanceledException>(error);
        await Eventually.TrueAsync(() => Task.FromResult((TlsCluster.Log(cluster.Core) + TlsCluster.Log(cluster.RuntimeSilo))
            .Contains("Refused a cluster connection on the gateway port", StringComparison.Ordinal)
            && (TlsCluster.Log(cluster.Core) + TlsCluster.Log(cluster.RuntimeSilo)).Contains("not issued by this cluster", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_runtime_silos_certificate_does_not_admit_a_client()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => cluster.StartClientAsync(cluster.Credentials(ClusterPeerIdentity.Runtime("rt-b"))));

        Assert.IsNotType<OperationCanceledException>(error);
        await Eventually.TrueAsync(() => Task.FromResult((TlsCluster.Log(cluster.Core) + TlsCluster.Log(cluster.RuntimeSilo))
            .Contains("spiffe://skillsorleans/runtime/rt-b may not connect to a gateway port", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_silo_outside_Development_refuses_to_start_without_cluster_tls()
    {
        await using var silo = cluster.NewSilo(RepositoryLayout.Find(), "no-tls", NodeKind.CoreSilo, new Dictionary<string, string>(), new Dictionary<string, string>());

        silo.Start();

        await Eventually.TrueAsync(() => Task.FromResult(!silo.IsRunning), TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains("refuses to start without cluster TLS in the Production environment", TlsCluster.Log(silo), StringComparison.Ordinal);
    }
}
