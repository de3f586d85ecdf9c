using Actors;
using Akka.Actor;

namespace Counter;

/// <summary>The application: one durable counter service.</summary>
public static class CounterServices
{
    public static ServiceSpec Counter { get; } =
        new ServiceSpec("counter", new SupervisorSpec(RestartStrategy.OneForOne,
            ChildSpec.Worker("count", Props.Create(() => new CounterActor("main")))))
        .Accepts<Increment>()
        .Accepts<GetCount>()
        .Accepts<Counted>()
        // Journal events go through the node's allow-listed Hyperion too, or recovery could not read them back.
        .Accepts<Incremented>()
        .WithScaling(Scaling.Fixed(1));

    public static IReadOnlyList<ServiceSpec> All { get; } = [Counter];
}

/// <summary>Counter's services, for a node host that loads this assembly from an image's service layer.</summary>
public sealed class CounterCatalog : IServiceCatalog
{
    /// <inheritdoc />
    public IReadOnlyList<ServiceSpec> Services => CounterServices.All;
}
