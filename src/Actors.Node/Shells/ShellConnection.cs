using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Actors.Node;

/// <summary>An open connection to a warm <see cref="Shell"/>: a shell that accepted it is warm and waiting, so a
/// caller can commit to it (e.g. rename the shell's domain) before it sends the one become request.</summary>
public sealed class ShellConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly string _where;

    private ShellConnection(TcpClient client, string where) => (_client, _where) = (client, where);

    /// <summary>Connects to the shell at <paramref name="host"/>:<paramref name="port"/>; throws
    /// <see cref="SocketException"/> if nothing listens there yet (the shell is still warming up) or any more.</summary>
    public static async Task<ShellConnection> ConnectAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, cancellationToken);
            return new ShellConnection(client, $"{host}:{port}");
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Asks the shell to become a node of <paramref name="service"/> with <paramref name="settings"/>
    /// (environment-style keys, as a launch gives them) and returns the node's name once it is Up; throws
    /// <see cref="InvalidOperationException"/> with the shell's reason.</summary>
    public async Task<string> BecomeAsync(string service, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        var stream = _client.GetStream();
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { AutoFlush = true };
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        await writer.WriteLineAsync(JsonSerializer.Serialize(new Shell.BecomeRequest(service, new Dictionary<string, string>(settings)), ShellClient.Json));
        var line = await reader.ReadLineAsync(cancellationToken)
            ?? throw new InvalidOperationException($"the shell at {_where} closed without answering");
        var reply = JsonSerializer.Deserialize<Shell.BecomeReply>(line, ShellClient.Json);
        return reply?.Node ?? throw new InvalidOperationException($"the shell at {_where} refused: {reply?.Error ?? line}");
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
