using Akka.Actor;

namespace Actors.ChaosApp;

/// <summary>Three services of two nodes each, all running <see cref="JournalWorker"/>.</summary>
public static class ChaosServices
{
    /// <summary>The environment variable naming the directory where workers write their journals.</summary>
    public const string JournalVariable = "CHAOS_JOURNAL";

    public static IReadOnlyList<ServiceSpec> All { get; } = [Service("alpha"), Service("beta"), Service("gamma")];

    private static ServiceSpec Service(string name) =>
        new ServiceSpec(name, new SupervisorSpec(RestartStrategy.OneForOne,
                ChildSpec.Worker("journal", Props.Create(() => new JournalWorker(Environment.GetEnvironmentVariable(JournalVariable))))))
            .Accepts<Request>()
            .Accepts<Receipt>()
            .WithScaling(Scaling.Fixed(2));
}
