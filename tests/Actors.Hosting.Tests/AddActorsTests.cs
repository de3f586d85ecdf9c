using Akka.Actor;
using Hello;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Hosting.Tests;

/// <summary>A generic host with <c>services.AddActors(...)</c>: nodes start and stop with the host, settings come
/// from appsettings.json and ACTORS_* variables, events reach ILogger.</summary>
public sealed class AddActorsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_host_starts_the_local_cluster_and_a_service_answers_an_ask_through_the_runtime_from_the_container()
    {
        var logs = new CollectingLoggerProvider();
        var builder = TestHosts.Builder(logs);
        builder.Services.AddActors(TestHosts.Greeter, HelloServices.Front);
        using var host = builder.Build();

        await host.StartAsync().WaitAsync(Patience);
        try
        {
            var runtime = host.Services.GetRequiredService<ActorsRuntime>();
            Assert.True(runtime.WhenStarted.IsCompletedSuccessfully);
            Assert.Equal(["front-1@127.0.0.1", "greeter-1@127.0.0.1"], runtime.Nodes.Select(n => n.Name).Order());

            var reply = await runtime.ServiceRef(TestHosts.Greeter).Ask<Greeting>(new Greet("host"), Patience);

            Assert.Equal("Hello, host!", reply.Text);
            Assert.Equal("greeter-1@127.0.0.1", reply.Node);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Appsettings_and_an_ACTORS_variable_configure_the_node_and_the_variable_wins()
    {
        var (fromFile, fromEnvironment) = (Ports.FreeLoopback(), Ports.FreeLoopback());
        var logs = new CollectingLoggerProvider();
        var builder = TestHosts.Builder(logs, $$"""
            { "Actors": { "Service": "greeter", "Node": { "Ordinal": 7, "Port": {{fromFile}} } } }
            """);
        builder.Services.AddActors(TestHosts.Greeter);
        using var host = builder.Build();

        Environment.SetEnvironmentVariable("ACTORS_NODE__PORT", fromEnvironment.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            await host.StartAsync().WaitAsync(Patience);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ACTORS_NODE__PORT", null);
        }

        try
        {
            var node = Assert.Single(host.Services.GetRequiredService<ActorsRuntime>().Nodes);
            Assert.Equal("greeter-7@127.0.0.1", node.Name);
            Assert.Equal(fromEnvironment, node.Address.Port);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Runtime_events_reach_ILogger_at_their_level_and_a_registered_sink()
    {
        var logs = new CollectingLoggerProvider();
        var sink = new EventLog();
        var builder = TestHosts.Builder(logs);
        builder.Services.AddSingleton<IRuntimeEventSink>(new Sink(sink));
        builder.Services.AddActors(TestHosts.Greeter);
        using var host = builder.Build();
        await host.StartAsync().WaitAsync(Patience);
        try
        {
            var up = await logs.Lines.WaitForAsync(l => l.Category == "Actors.Events" && l.Message.StartsWith("node.up ", StringComparison.Ordinal));
            Assert.Equal(LogLevel.Information, up.Level);
            Assert.Contains("greeter-1@127.0.0.1", up.Message);

            // The poison name crashes the greeter; its supervisor restarts it, which is worth a warning.
            host.Services.GetRequiredService<ActorsRuntime>().ServiceRef(TestHosts.Greeter).Tell(new Greet(Greeter.Poison));
            var restart = await logs.Lines.WaitForAsync(l => l.Category == "Actors.Events" && l.Message.StartsWith("child.restart ", StringComparison.Ordinal));
            Assert.Equal(LogLevel.Warning, restart.Level);
            Assert.Contains("child=greeting", restart.Message);
            await sink.WaitForAsync(e => e.Event == "child.restart");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Stopping_the_host_stops_the_node_gracefully()
    {
        var logs = new CollectingLoggerProvider();
        var builder = TestHosts.Builder(logs);
        builder.Services.AddActors(TestHosts.Greeter);
        using var host = builder.Build();
        await host.StartAsync().WaitAsync(Patience);
        var node = Assert.Single(host.Services.GetRequiredService<ActorsRuntime>().Nodes);
        Assert.False(node.Terminated.IsCompleted);

        await host.StopAsync().WaitAsync(Patience);

        Assert.True(node.Terminated.IsCompletedSuccessfully);
        Assert.True(node.System.WhenTerminated.IsCompleted);
        Assert.Equal(0, node.ExitCode);
        Assert.Contains(logs.Lines.All, l => l.Message.StartsWith("child.exit ", StringComparison.Ordinal) && l.Message.Contains("reason=shutdown"));
        Assert.Contains(logs.Lines.All, l => l.Message.StartsWith("node.down greeter-1@127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_node_that_stops_by_itself_stops_the_application()
    {
        var logs = new CollectingLoggerProvider();
        var builder = TestHosts.Builder(logs, """{ "Actors": { "Service": "greeter", "Node": { "IdleTtl": "00:00:01" } } }""");
        builder.Services.AddActors(TestHosts.Greeter);
        using var host = builder.Build();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(stopping.SetResult);
        await host.StartAsync().WaitAsync(Patience);
        var node = Assert.Single(host.Services.GetRequiredService<ActorsRuntime>().Nodes);

        // Nothing comes for the greeter, so after its idle TTL the node stops itself, and the application with it.
        await stopping.Task.WaitAsync(Patience);

        Assert.True(node.Terminated.IsCompleted);
        Assert.True(node.ReapedIdle);
        Assert.Contains(logs.Lines.All, l => l.Level == LogLevel.Information && l.Message.Contains("Every Actors node (greeter-1@127.0.0.1) has stopped by itself"));
        await host.StopAsync().WaitAsync(Patience);
    }

    [Fact]
    public async Task A_bad_setting_fails_the_start_with_an_error_naming_it()
    {
        var logs = new CollectingLoggerProvider();
        var builder = TestHosts.Builder(logs, """{ "Actors": { "Node": { "Port": 70000 } } }""");
        builder.Services.AddActors(TestHosts.Greeter);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync().WaitAsync(Patience));

        Assert.Contains("section 'Actors'", error.Message);
        Assert.Contains("node:port is 70000", error.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Services.GetRequiredService<ActorsRuntime>().WhenStarted);
    }

    [Fact]
    public async Task An_unknown_service_setting_names_the_services_of_the_application()
    {
        var builder = TestHosts.Builder(new CollectingLoggerProvider(), """{ "Actors": { "Service": "nope" } }""");
        builder.Services.AddActors(TestHosts.Greeter, HelloServices.Front);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync().WaitAsync(Patience));

        Assert.Contains("service is 'nope', which is not a service of this application; services: greeter, front", error.Message);
    }

    [Fact]
    public void AddActors_twice_is_refused()
    {
        var services = new ServiceCollection().AddActors(TestHosts.Greeter);

        var error = Assert.Throws<InvalidOperationException>(() => services.AddActors(HelloServices.Front));

        Assert.Contains("AddActors was already called", error.Message);
    }

    private sealed class Sink(EventLog log) : IRuntimeEventSink
    {
        public void OnEvent(RuntimeEvent e) => log.Add(e);
    }
}
