namespace PerRequest;

/// <summary>One request: a text to digest.</summary>
public sealed record Job(int Id, string Input);

/// <summary>The answer, with the node that computed it and that node's cluster address.</summary>
public sealed record Done(int Id, string Digest, string Node, string Address);
