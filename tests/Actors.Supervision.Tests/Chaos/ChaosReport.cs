namespace Actors.Supervision.Tests.Chaos;

/// <summary>What a <see cref="ChaosMonkey"/> did.</summary>
public sealed record ChaosReport(IReadOnlyList<Kill> Kills, int Skipped);
