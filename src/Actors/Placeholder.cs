namespace Actors;

/// <summary>Marker.</summary>
public static class Placeholder { }
