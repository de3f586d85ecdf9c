namespace Actors;

/// <summary>Whether a child is a worker or a supervisor (reported by count and which children).</summary>
public enum ChildType
{
    /// <summary>A worker actor.</summary>
    Worker,

    /// <summary>A nested supervisor.</summary>
    Supervisor,
}
