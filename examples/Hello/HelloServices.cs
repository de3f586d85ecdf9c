using Actors;
using Akka.Actor;

namespace Hello;

/// <summary>The application: a front end on one node and a greeter on two.</summary>
public static class HelloServices
{
    public static ServiceSpec Greeter { get; } =
        new ServiceSpec("greeter", new SupervisorSpec(RestartStrategy.OneForOne, ChildSpec.Worker<Greeter>("greeting"))
            .WithIntensity(10, TimeSpan.FromSeconds(10)))
        .Accepts<Greet>()
        .Accepts<Greeting>()
        .WithScaling(Scaling.Fixed(2));

    public static ServiceSpec Front { get; } =
        new ServiceSpec("front", new SupervisorSpec(RestartStrategy.OneForOne,
            ChildSpec.Worker("front", Props.Create(() => new Front(TimeSpan.FromMilliseconds(500))))));

    public static IReadOnlyList<ServiceSpec> All { get; } = [Greeter, Front];
}

/// <summary>Hello's services, for a node host that loads this assembly from an image's service layer.</summary>
public sealed class HelloCatalog : IServiceCatalog
{
    /// <inheritdoc />
    public IReadOnlyList<ServiceSpec> Services => HelloServices.All;
}
