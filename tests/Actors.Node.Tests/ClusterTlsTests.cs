using Akka.Actor;
using Akka.Cluster;

namespace Actors.Node.Tests;

/// <summary>Nodes join only with the cluster's credentials: mutual TLS on Akka.Remote with certificates of the
/// cluster's own authority. A node with another cluster's certificate, or none, never becomes a member, the refusal
/// is reported, and the members already Up stay Up.</summary>
public sealed class ClusterTlsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RefusedFor = TimeSpan.FromSeconds(8);
    private readonly string _dir = Directory.CreateTempSubdirectory("actors-tls-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Two_nodes_with_the_clusters_certificates_join_and_talk()
    {
        var tls = ClusterCertificates.Write(Path.Combine(_dir, "a"), "alpha");
        var pong = await Node.StartAsync(TestServices.Pong(), LocalCluster.NodeOptions(1) with { Tls = tls });
        var caller = await Node.StartAsync(TestServices.Caller, LocalCluster.NodeOptions(2) with { Tls = tls, Seeds = [pong.Address.ToString()] }, [typeof(Ping), typeof(Pong)]);
        try
        {
            await Task.WhenAll(pong.WhenMembersUpAsync(2), caller.WhenMembersUpAsync(2)).WaitAsync(Timeout);
            var reply = await ServiceRef.To(caller.System, TestServices.Pong()).Ask<Pong>(new Ping("over tls"), Timeout);
            Assert.Equal("over tls", reply.Text);
        }
        finally
        {
            await Task.WhenAll(caller.StopAsync(), pong.StopAsync());
        }
    }

    [Fact]
    public async Task A_node_with_another_clusters_certificate_cannot_join_and_the_refusal_is_reported()
    {
        var ours = ClusterCertificates.Write(Path.Combine(_dir, "a"), "alpha");
        var theirs = ClusterCertificates.Write(Path.Combine(_dir, "b"), "beta");
        await AssertRefusedAsync(ours, LocalCluster.NodeOptions(3) with { Tls = theirs }, e =>
            e.Event == "tls.refused" && e.Fields["subject"].Contains("CN=beta node"));
    }

    [Fact]
    public async Task A_plaintext_node_cannot_join_a_tls_cluster()
    {
        var ours = ClusterCertificates.Write(Path.Combine(_dir, "a"), "alpha");
        await AssertRefusedAsync(ours, LocalCluster.NodeOptions(3), e =>
            e.Event.StartsWith("akka.", StringComparison.Ordinal) && e.Node is not null && e.Node.StartsWith("pong-1", StringComparison.Ordinal)
            && (e.Fields.GetValueOrDefault("message") + e.Fields.GetValueOrDefault("error") + e.Fields.GetValueOrDefault("cause")).Contains("SSL", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Forms a two-member cluster with <paramref name="ours"/>, lets a node with <paramref name="intruder"/>'s
    /// options try to join it for <see cref="RefusedFor"/>, and checks it never became a member.</summary>
    private static async Task AssertRefusedAsync(NodeTlsOptions ours, NodeOptions intruder, Func<RuntimeEvent, bool> refusal)
    {
        var events = new EventLog();
        var seed = await Node.StartAsync(TestServices.Pong(), LocalCluster.NodeOptions(1) with { Tls = ours }, events: events.Add);
        var member = await Node.StartAsync(TestServices.Pong(), LocalCluster.NodeOptions(2) with { Tls = ours, Seeds = [seed.Address.ToString()] });
        try
        {
            await Task.WhenAll(seed.WhenMembersUpAsync(2), member.WhenMembersUpAsync(2)).WaitAsync(Timeout);
            var seen = events.WaitForAsync(refusal, Timeout);
            using var giveUp = new CancellationTokenSource(RefusedFor);
            // Node.StartAsync completes only once the node is a member Up; refused, it is abandoned after RefusedFor.
            var target = seed.Address.WithProtocol(intruder.SeedScheme).ToString();
            var joining = Node.StartAsync(TestServices.Caller, intruder with { Seeds = [target] }, cancellationToken: giveUp.Token);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => joining);
            var reported = await seen;

            Assert.Equal(seed.Name, reported.Node);
            foreach (var node in new[] { seed, member })
            {
                var members = Cluster.Get(node.System).State.Members;
                Assert.Equal(2, members.Count);
                Assert.All(members, m => Assert.Equal(MemberStatus.Up, m.Status));
                Assert.DoesNotContain(members, m => m.Roles.Contains(TestServices.Caller.Name));
            }
        }
        catch (OperationCanceledException) when (!events.All.Any(refusal))
        {
            throw new Xunit.Sdk.XunitException("no refusal reported; events:\n" + string.Join("\n",
                events.All.Select(e => $"{e.Node} {e.Event} {string.Join("; ", e.Fields.Select(f => $"{f.Key}={f.Value}"))}")));
        }
        finally
        {
            await Task.WhenAll(member.StopAsync(), seed.StopAsync());
        }
    }
}
