using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Actors.Node;

/// <summary>Asks a warm <see cref="Shell"/> to become a node of a service.</summary>
public static class ShellClient
{
    internal static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Sends the become request to the shell at <paramref name="host"/>:<paramref name="port"/> and returns
    /// the node's name once it is Up; throws <see cref="InvalidOperationException"/> with the shell's reason.</summary>
    public static async Task<string> BecomeAsync(string host, int port, string service, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken);
        var stream = client.GetStream();
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await writer.WriteLineAsync(JsonSerializer.Serialize(new Shell.BecomeRequest(service, new Dictionary<string, string>(settings)), Json));
        var line = await reader.ReadLineAsync(cancellationToken)
            ?? throw new InvalidOperationException($"the shell at {host}:{port} closed without answering");
        var reply = JsonSerializer.Deserialize<Shell.BecomeReply>(line, Json);
        return reply?.Node ?? throw new InvalidOperationException($"the shell at {host}:{port} refused: {reply?.Error ?? line}");
    }
}
