using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Actors.Node;

/// <summary>A warm shell: a program (a process, or the node host in a VM) whose runtime has started, whose
/// application's services are loaded and whose Akka code has run once, waiting on a loopback or guest TCP port to
/// become a node of one service. Becoming costs an ActorSystem's creation with warm code and the join, instead of a
/// program's start, the JIT compiling Akka and the join.</summary>
/// <remarks>Protocol: one connection, one JSON line <c>{"service":"greeter","settings":{"ACTORS_NODE__SEEDS__0":"..."}}</c>
/// (settings as environment-style keys, as a launch gives them), answered by one JSON line <c>{"node":"greeter-1@host"}</c>
/// once the node is Up, or <c>{"error":"..."}</c>, after which the shell keeps waiting.</remarks>
public sealed class Shell : IAsyncDisposable
{
    private readonly IReadOnlyList<ServiceSpec> _services;
    private readonly Func<IReadOnlyDictionary<string, string>, NodeOptions> _options;
    private readonly Action<RuntimeEvent>? _events;
    private readonly TcpListener _listener;
    private readonly TaskCompletionSource<Node> _became = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();

    private Shell(IReadOnlyList<ServiceSpec> services, Func<IReadOnlyDictionary<string, string>, NodeOptions> options, Action<RuntimeEvent>? events, TcpListener listener)
    {
        (_services, _options, _events, _listener) = (services, options, events, listener);
    }

    /// <summary>The port the shell listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Completes with the node once the shell has become one.</summary>
    public Task<Node> Became => _became.Task;

    /// <summary>Warms the runtime with a throwaway single-node cluster, then listens on
    /// <paramref name="address"/>:<paramref name="port"/> (0: any free port).</summary>
    /// <param name="services">The application's services, any of which the shell may become.</param>
    /// <param name="options">The node options for a become request's settings.</param>
    /// <param name="events">Where runtime events go.</param>
    /// <param name="address">The address to listen on.</param>
    /// <param name="port">The port to listen on.</param>
    public static async Task<Shell> StartAsync(
        IReadOnlyList<ServiceSpec> services, Func<IReadOnlyDictionary<string, string>, NodeOptions> options, Action<RuntimeEvent>? events = null,
        IPAddress? address = null, int port = 0)
    {
        await ShellWarmUp.RunAsync(services);
        var listener = new TcpListener(address ?? IPAddress.Loopback, port);
        listener.Start();
        var shell = new Shell(services, options, events, listener);
        _ = shell.ServeAsync();
        return shell;
    }

    /// <summary>Stops listening; a node it became keeps running.</summary>
    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        _became.TrySetCanceled();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task ServeAsync()
    {
        while (!_became.Task.IsCompleted)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            using (client)
            {
                await HandleAsync(client);
            }
        }

        _listener.Stop();
    }

    private async Task HandleAsync(TcpClient client)
    {
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
        BecomeReply reply;
        try
        {
            var line = await reader.ReadLineAsync(_stop.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            var request = line is null ? null : JsonSerializer.Deserialize<BecomeRequest>(line, ShellClient.Json);
            if (request?.Service is not { } name)
            {
                throw new ArgumentException("a become request is one JSON line with \"service\" and \"settings\"");
            }

            var service = _services.FirstOrDefault(s => s.Name == name)
                ?? throw new ArgumentException($"'{name}' is not a service of this shell; services: {string.Join(", ", _services.Select(s => s.Name))}");
            var node = await Node.StartAsync(service, _options(request.Settings ?? new Dictionary<string, string>()),
                _services.SelectMany(s => s.MessageTypes), _events, _stop.Token);
            _became.TrySetResult(node);
            reply = new BecomeReply(node.Name, null);
        }
        catch (Exception e) when (e is ArgumentException or JsonException or IOException or TimeoutException or InvalidOperationException)
        {
            reply = new BecomeReply(null, e.Message);
        }

        try
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(reply, ShellClient.Json));
        }
        catch (IOException)
        {
            // The asker went away (a port probe, or a client that gave up); the shell keeps waiting or runs its node.
        }
    }

    internal sealed record BecomeRequest(string? Service, Dictionary<string, string>? Settings);

    internal sealed record BecomeReply(string? Node, string? Error);
}
