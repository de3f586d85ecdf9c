namespace Actors;

/// <summary>A service: the unit a user writes and deploys. A named root supervisor, the child that receives
/// the service's messages, the message types it accepts (they are the serializer's allow-list), the
/// resources one node needs, and how it scales.</summary>
public sealed record ServiceSpec
{
    /// <summary>Creates a service; <paramref name="name"/> must be a DNS label (see <see cref="ServiceName"/>)
    /// and <paramref name="entry"/> (default: the first child) must be a child of <paramref name="root"/>.</summary>
    public ServiceSpec(string name, SupervisorSpec root, string? entry = null)
    {
        Name = ServiceName.Validate(name);
        Root = root;
        Entry = entry ?? root.Children.FirstOrDefault()?.Id
            ?? throw new ArgumentException($"Service '{name}' has no children to receive its messages.", nameof(root));
        if (root.Strategy != RestartStrategy.SimpleOneForOne && root.Children.All(c => c.Id != Entry))
        {
            throw new ArgumentException($"Service '{name}' names entry child '{Entry}', which its root supervisor does not have.", nameof(entry));
        }
    }

    /// <summary>The service name: cluster role, actor name and node name prefix.</summary>
    public string Name { get; }

    /// <summary>The root supervisor.</summary>
    public SupervisorSpec Root { get; }

    /// <summary>The id of the root's child that receives the service's messages.</summary>
    public string Entry { get; }

    /// <summary>Types the service sends and receives across nodes; only these are bound to the serializer.</summary>
    public IReadOnlyList<Type> MessageTypes { get; init; } = [];

    /// <summary>What one node needs.</summary>
    public Resources Resources { get; init; } = Resources.Default;

    /// <summary>How many nodes run.</summary>
    public Scaling Scaling { get; init; } = Scaling.Fixed(1);

    /// <summary>Where a node receives the service's messages: <c>/user/{name}</c>, which hands them to the entry
    /// child and notes the activity (an idle node can then stop itself).</summary>
    public string IngressPath => $"/user/{Name}";

    /// <summary>Where the root supervisor runs in a node: <c>/user/{name}/root</c>.</summary>
    public string RootPath => $"/user/{Name}/root";

    /// <summary>Where the entry child runs in every node of the service.</summary>
    public string EntryPath => $"{RootPath}/{Entry}";

    /// <summary>The same service, also accepting <typeparamref name="T"/>.</summary>
    public ServiceSpec Accepts<T>() => this with { MessageTypes = [.. MessageTypes, typeof(T)] };

    /// <summary>The same service with other resources.</summary>
    public ServiceSpec WithResources(int memoryMiB, int vcpus) => this with { Resources = new Resources(memoryMiB, vcpus) };

    /// <summary>The same service with another scaling mode.</summary>
    public ServiceSpec WithScaling(Scaling scaling) => this with { Scaling = scaling };
}
