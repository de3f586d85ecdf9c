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
        using var connection = await ShellConnection.ConnectAsync(host, port, cancellationToken);
        return await connection.BecomeAsync(service, settings, cancellationToken);
    }
}
