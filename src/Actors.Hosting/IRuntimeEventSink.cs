namespace Actors.Hosting;

/// <summary>Receives every <see cref="RuntimeEvent"/> of the hosted nodes (<c>node.up</c>, <c>child.restart</c>,
/// Akka's warnings as <c>akka.warning</c>, ...). Register implementations in the container
/// (<c>services.AddSingleton&lt;IRuntimeEventSink, MySink&gt;()</c>); they see events from the first node's start on.
/// Called from the nodes' threads, so an implementation must be thread-safe and quick.</summary>
public interface IRuntimeEventSink
{
    /// <summary>Handles one event.</summary>
    void OnEvent(RuntimeEvent e);
}
