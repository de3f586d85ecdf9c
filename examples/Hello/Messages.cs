namespace Hello;

/// <summary>Asks the greeter to greet <paramref name="Name"/>; the name "poison" crashes it.</summary>
public sealed record Greet(string Name);

/// <summary>The greeter's answer, with the node that made it.</summary>
public sealed record Greeting(string Text, string Node);
