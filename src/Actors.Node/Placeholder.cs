namespace Actors.Node;

/// <summary>Marker.</summary>
public static class Placeholder { }
