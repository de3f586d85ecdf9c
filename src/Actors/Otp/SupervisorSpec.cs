namespace Actors;

/// <summary>An OTP supervisor: strategy, restart intensity (at most <see cref="Intensity"/> restarts in
/// <see cref="Period"/>, OTP's default 1 in 5 s) and the children in start order.</summary>
public sealed record SupervisorSpec
{
    /// <summary>Creates a spec and checks it: child ids must be unique, and simple_one_for_one takes
    /// exactly one template child.</summary>
    public SupervisorSpec(RestartStrategy strategy, params IReadOnlyList<ChildSpec> children)
    {
        Strategy = strategy;
        Children = children;
        Validate();
    }

    /// <summary>The restart strategy.</summary>
    public RestartStrategy Strategy { get; }

    /// <summary>Children in start order (for simple_one_for_one, the single template).</summary>
    public IReadOnlyList<ChildSpec> Children { get; }

    /// <summary>Most restarts allowed within <see cref="Period"/>; one more and the supervisor gives up.</summary>
    public int Intensity { get; init; } = 1;

    /// <summary>The sliding window for <see cref="Intensity"/>.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether a child that exits with <c>noconnection</c> (lost with the machine it ran on, not crashed)
    /// counts toward <see cref="Intensity"/>. OTP counts it (true). The cluster supervisor's node supervisors do not:
    /// a lost host takes its nodes down all at once, through no fault of theirs, and placement moves them; counting
    /// those restarts would give up a service that runs several nodes on the lost host.</summary>
    public bool CountNoConnection { get; init; } = true;

    /// <summary>The same spec with another intensity and period.</summary>
    public SupervisorSpec WithIntensity(int intensity, TimeSpan period)
    {
        var spec = this with { Intensity = intensity, Period = period };
        spec.Validate();
        return spec;
    }

    private void Validate()
    {
        if (Intensity < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Intensity), Intensity, "Restart intensity must be 0 or more.");
        }

        if (Period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Period), Period, "Restart period must be positive.");
        }

        if (Strategy == RestartStrategy.SimpleOneForOne && Children.Count != 1)
        {
            throw new ArgumentException(
                $"A simple_one_for_one supervisor takes exactly one template child spec, not {Children.Count}.",
                nameof(Children));
        }

        var duplicate = Children.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Child id '{duplicate.Key}' appears more than once in the supervisor spec.", nameof(Children));
        }
    }
}
