using System.Text.Json;

namespace Actors.Hypervisor;

/// <summary>An asynchronous QMP event, e.g. <c>SHUTDOWN</c> with <c>{"guest": true, "reason": "guest-shutdown"}</c>.</summary>
/// <param name="Name">The event name.</param>
/// <param name="Data">Its data, or an undefined element if it has none.</param>
internal sealed record QmpEvent(string Name, JsonElement Data);
