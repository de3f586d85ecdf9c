namespace Actors;

/// <summary>Counts restarts in a sliding window, as OTP's <c>add_restart</c> does: a restart is allowed
/// while no more than <c>intensity</c> restarts fall within <c>period</c>, counting this one.</summary>
internal sealed class RestartIntensity(int intensity, TimeSpan period, TimeProvider time)
{
    private readonly Queue<DateTimeOffset> _restarts = new();

    /// <summary>Records a restart now; false when this one exceeds the intensity.</summary>
    public bool TryAdd()
    {
        var now = time.GetUtcNow();
        while (_restarts.Count > 0 && now - _restarts.Peek() > period)
        {
            _restarts.Dequeue();
        }

        _restarts.Enqueue(now);
        return _restarts.Count <= intensity;
    }
}
