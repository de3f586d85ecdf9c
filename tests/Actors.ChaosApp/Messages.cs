namespace Actors.ChaosApp;

/// <summary>A request; a client retries it with the same <paramref name="Id"/> until it gets a receipt.</summary>
public sealed record Request(long Id);

/// <summary>Proof that request <paramref name="Id"/> was journaled by process <paramref name="Pid"/> of
/// <paramref name="Node"/> before this receipt was sent.</summary>
public sealed record Receipt(long Id, string Node, int Pid);
