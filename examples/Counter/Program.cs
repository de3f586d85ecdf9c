using Actors.Node;
using Counter;

// Durable by default: without a configured store, the journal is an SQLite file under ./data.
var configured = args.Any(a => a.StartsWith("--node:persistence:", StringComparison.OrdinalIgnoreCase))
    || Environment.GetEnvironmentVariables().Keys.Cast<string>().Any(k => k.StartsWith("ACTORS_NODE__PERSISTENCE__", StringComparison.OrdinalIgnoreCase));
return await ActorsApplication.RunAsync(configured ? args : [.. args, "--node:persistence:dataDirectory=data"], CounterServices.All);
