namespace Actors.Supervision;

/// <summary>What <see cref="Adoption.ReconcileAsync"/> did.</summary>
/// <param name="Adopted">Children whose running domain the new supervisor takes over.</param>
/// <param name="Destroyed">Running domains that were not wanted (stray or duplicate), as <c>name@host</c>.</param>
/// <param name="Undefined">Domains removed from their host (the destroyed ones and stopped leftovers), as <c>name@host</c>.</param>
public sealed record AdoptionReport(IReadOnlyList<string> Adopted, IReadOnlyList<string> Destroyed, IReadOnlyList<string> Undefined)
{
    /// <summary>Of the adopted, the nodes of on-demand and per-tenant services, which the summoner must know of.</summary>
    public IReadOnlyList<SummonedNode> Summoned { get; init; } = [];
}
