namespace Tenants;

/// <summary>A tenant's request for a page of its store front.</summary>
public sealed record PageRequest(string Tenant, string Path);

/// <summary>The page, with the node that built it and how many requests that node has served.</summary>
public sealed record Page(string Tenant, string Path, string Node, int Served);
