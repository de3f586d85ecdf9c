namespace Actors;

/// <summary>A message for a service could not be delivered or kept: the service has no node up and its
/// waiting room is full.</summary>
public sealed class ServiceUnavailableException(string message) : Exception(message);
