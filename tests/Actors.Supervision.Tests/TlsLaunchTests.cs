using Akka.Actor;
using Actors.Node;
using Hello;

namespace Actors.Supervision.Tests;

/// <summary>In a TLS cluster the supervisor's launches carry the cluster's credentials: its nodes join over mutual TLS.</summary>
public sealed class TlsLaunchTests : IDisposable
{
    private static readonly string HelloProgram = Path.Combine(AppContext.BaseDirectory, "Hello.dll");
    private readonly string _dir = Directory.CreateTempSubdirectory("actors-tls-launch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_process_node_launched_by_a_tls_supervisor_joins_over_tls_and_answers()
    {
        var tls = ClusterCertificates.Write(Path.Combine(_dir, "certs"), "actors");
        var greeter = HelloServices.Greeter with { Scaling = Scaling.Fixed(1) };
        var cluster = new ClusterFile([new HostSpec("local", "process://", 4096, 8)], PlacementStrategy.Spread, new Uri($"http://127.0.0.1:{Ports.FreeLoopback()}/"));
        var events = new EventLog();

        await using var deployment = await ClusterDeployment.StartAsync(cluster, [greeter], new NodeLaunch { Program = HelloProgram, Environment = ControlNode.FastGossip },
            LocalCluster.NodeOptions(1) with { Tls = tls }, Path.Combine(_dir, "state"), events.Add);
        var ready = await events.WaitForAsync(e => e.Event == "node.ready" && e.Fields["domain"] == "greeter-1", TimeSpan.FromSeconds(90));
        var reply = await ServiceRef.To(deployment.Node.System, greeter).Ask<Greeting>(new Greet("tls"), TimeSpan.FromSeconds(30));

        Assert.Equal("akka.ssl.tcp", deployment.Node.Address.Protocol);
        Assert.StartsWith("akka.ssl.tcp://", ready.Fields["address"]);
        Assert.Equal("Hello, tls!", reply.Text);
    }

    [Fact]
    public async Task A_tls_cluster_with_a_host_that_cannot_reach_the_certificate_is_refused_naming_the_host()
    {
        var tls = ClusterCertificates.Write(Path.Combine(_dir, "certs"), "actors");
        var cluster = new ClusterFile([new HostSpec("vm1", "qemu:///system", 4096, 8)], PlacementStrategy.Spread, new Uri($"http://127.0.0.1:{Ports.FreeLoopback()}/"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ClusterDeployment.StartAsync(cluster, [HelloServices.Greeter], new NodeLaunch(),
            LocalCluster.NodeOptions(1) with { Tls = tls }, Path.Combine(_dir, "state")));

        Assert.Contains("vm1 (qemu:///system)", error.Message);
        Assert.Contains("node:tls:certificate", error.Message);
    }
}
