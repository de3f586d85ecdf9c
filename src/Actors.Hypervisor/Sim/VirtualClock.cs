namespace Actors.Hypervisor;

/// <summary>A <see cref="TimeProvider"/> on a <see cref="SimWorld"/>'s virtual time: timers fire as world events.</summary>
internal sealed class VirtualClock(SimWorld world) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => world.Now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => world.Now.UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(world, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class VirtualTimer(SimWorld world, TimerCallback callback, object? state) : ITimer
    {
        private long _generation;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var generation = Interlocked.Increment(ref _generation);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                Arm(generation, dueTime, period);
            }

            return true;
        }

        public void Dispose() => Interlocked.Increment(ref _generation);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Arm(long generation, TimeSpan due, TimeSpan period) => world.Schedule(due, () =>
        {
            if (Interlocked.Read(ref _generation) != generation)
            {
                return;
            }

            callback(state);
            if (period != Timeout.InfiniteTimeSpan && period > TimeSpan.Zero)
            {
                Arm(generation, period, period);
            }
        });
    }
}
