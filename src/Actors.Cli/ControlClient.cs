using System.Net.Http.Json;
using System.Text.Json;

namespace Actors.Cli;

/// <summary>Talks to a cluster supervisor's control endpoint; failures become <see cref="CliException"/>s that say
/// what went wrong and where, never a stack trace.</summary>
internal sealed class ControlClient(Uri endpoint)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly HttpClient _http = new() { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(10) };

    public async Task<IReadOnlyList<NodeInfo>> NodesAsync()
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "nodes"));
        return await response.Content.ReadFromJsonAsync<List<NodeInfo>>(Json) ?? [];
    }

    public async Task<IReadOnlyList<HostInfo>> HostsAsync()
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "hosts"));
        return await response.Content.ReadFromJsonAsync<List<HostInfo>>(Json) ?? [];
    }

    public async Task<string> KillAsync(string node)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, $"nodes/{Uri.EscapeDataString(node)}/kill"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("host").GetString() ?? "?";
    }

    public async Task<IReadOnlyList<string>> LogsAsync(string node, int lines)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"nodes/{Uri.EscapeDataString(node)}/logs?lines={lines}"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("lines").EnumerateArray().Select(l => l.GetString() ?? string.Empty)];
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new CliException($"no cluster supervisor answers at {endpoint} ({e.Message}); give its control endpoint with --endpoint or ACTORS_ENDPOINT", ExitCodes.Unreachable);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = error.TryGetProperty("error", out var m) ? m.GetString() : response.ReasonPhrase;
        response.Dispose();
        throw new CliException(message ?? "request failed", (int)response.StatusCode == 404 ? ExitCodes.NotFound : ExitCodes.Failed);
    }
}

/// <summary>One node as the control endpoint lists it.</summary>
internal sealed record NodeInfo(string Node, string Service, string? Tenant, string Host, string State, long UptimeSeconds, int Restarts, string? Address);

/// <summary>One host as the control endpoint lists it.</summary>
internal sealed record HostInfo(string Host, string Uri, bool Lost, string? LostBecause, long MemoryMib, int Vcpus, long FreeMemoryMib, int FreeVcpus);

/// <summary>A failure to report as one line on stderr with an exit code.</summary>
internal sealed class CliException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>The exit codes of <c>actors</c>, as <c>--help</c> documents them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int Unreachable = 3;
    public const int NotFound = 4;
    public const int Invalid = 5;
}
