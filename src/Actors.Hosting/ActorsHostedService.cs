using Actors.Node;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Hosting;

/// <summary>Runs the nodes for the host: starts them in <see cref="StartAsync"/> (the host's start waits until
/// every node is up), stops them gracefully in <see cref="StopAsync"/> (supervision trees in reverse start order,
/// then the cluster leave), and stops the application if the nodes stop by themselves.</summary>
internal sealed partial class ActorsHostedService(
    ActorsHostingOptions options,
    IConfiguration configuration,
    ActorsRuntime runtime,
    IEnumerable<IRuntimeEventSink> sinks,
    IHostApplicationLifetime lifetime,
    ILogger<ActorsHostedService> logger) : IHostedService
{
    private readonly IRuntimeEventSink[] _sinks = [.. sinks];
    private Func<Task>? _stop;
    private volatile bool _stopping;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Node.Node> nodes;
        try
        {
            var plan = ActorsConfiguration.Bind(options, configuration);
            if (plan.One is { } one)
            {
                var node = await Node.Node.StartAsync(one, plan.Node, plan.MessageTypes, Publish, cancellationToken);
                (nodes, _stop) = ([node], node.StopAsync);
            }
            else
            {
                var cluster = await LocalCluster.StartAsync(plan.Services, Publish, cancellationToken, plan.Node, plan.MessageTypes);
                (nodes, _stop) = (cluster.Nodes, cluster.StopAsync);
            }
        }
        catch (Exception e)
        {
            runtime.Failed(e);
            throw;
        }

        runtime.Started(nodes);
        _ = Task.WhenAll(nodes.Select(n => n.Terminated)).ContinueWith(_ => OnNodesEnded(nodes), TaskScheduler.Default);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        if (_stop is not null)
        {
            await _stop().WaitAsync(cancellationToken);
        }
    }

    private void OnNodesEnded(IReadOnlyList<Node.Node> nodes)
    {
        if (_stopping)
        {
            return;
        }

        // A node stops by itself when its service's root supervisor gives up (or it was reaped idle): with no
        // node left the application has nothing to run, so it ends, with the code ActorsApplication would give.
        var names = string.Join(", ", nodes.Select(n => n.Name));
        if (nodes.Any(n => n.ExitCode == ActorsApplication.ServiceFailed))
        {
            Environment.ExitCode = ActorsApplication.ServiceFailed;
            ServiceFailed(logger, names);
        }
        else
        {
            NodesStopped(logger, names);
        }

        lifetime.StopApplication();
    }

    private void Publish(RuntimeEvent e)
    {
        foreach (var sink in _sinks)
        {
            try
            {
                sink.OnEvent(e);
            }
            catch (Exception error)
            {
                // A faulty sink must not break the node's event forwarding, nor keep the other sinks from the event.
                SinkFailed(logger, error, sink.GetType().Name, e.Event);
            }
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Every Actors node ({Nodes}) has stopped because a service's root supervisor gave up; stopping the application")]
    private static partial void ServiceFailed(ILogger logger, string nodes);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Every Actors node ({Nodes}) has stopped by itself; stopping the application")]
    private static partial void NodesStopped(ILogger logger, string nodes);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Runtime event sink {Sink} failed on {Event}")]
    private static partial void SinkFailed(ILogger logger, Exception error, string sink, string @event);
}
