namespace Actors.Supervision;

/// <summary>How placement picks among the hosts that have room for a node.</summary>
public enum PlacementStrategy
{
    /// <summary>The host with the most free memory: nodes spread evenly, a lost host takes few with it.</summary>
    Spread,

    /// <summary>The fullest host that still fits: hosts fill one after another, leaving whole hosts free.</summary>
    Pack,
}
