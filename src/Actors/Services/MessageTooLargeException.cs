namespace Actors;

/// <summary>A message for a service on another node was not sent because, serialized, it would not fit in one
/// remoting frame: Akka.Remote would drop it with only a log line on the sending node, and an Ask would time out.
/// The sender gets this instead (as a <c>Status.Failure</c>, so an Ask fails with it at once).</summary>
public sealed class MessageTooLargeException(string message, long size, long limit) : Exception(message)
{
    /// <summary>The message's serialized size in bytes.</summary>
    public long Size { get; } = size;

    /// <summary>The largest serialized message the node sends, in bytes: the maximum frame size less the room
    /// kept for the remoting envelope (recipient, sender, serializer).</summary>
    public long Limit { get; } = limit;
}
