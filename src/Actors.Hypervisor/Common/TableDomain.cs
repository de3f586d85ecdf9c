namespace Actors.Hypervisor;

/// <summary>A domain as the table-keeping drivers hold it: its spec, whether it runs, why it last stopped,
/// and a task that completes when the current run stops.</summary>
internal abstract class TableDomain(DomainSpec spec)
{
    private TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The spec; replaced when a running domain is renamed.</summary>
    public DomainSpec Spec { get; set; } = spec;

    public DomainState State { get; set; }

    public StopReason? LastStop { get; set; }

    /// <summary>Completes when the current run stops. Take it before triggering a stop: a fast stop replaces it
    /// for the next run once it has fired.</summary>
    public Task WhenStopped => Volatile.Read(ref _stopped).Task;

    /// <summary>Completes the current run's task and arms a fresh one for the next run.</summary>
    public void CompleteRun() =>
        Interlocked.Exchange(ref _stopped, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
