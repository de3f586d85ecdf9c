using System.Data.Common;

namespace Actors.Node;

/// <summary>Where a node's persistent actors (Akka.Persistence) keep their journal and snapshots (section
/// <c>node:persistence</c>), through Akka.Persistence.Sql, which the service's assembly must reference. PostgreSQL
/// when <see cref="ConnectionString"/> is given, else an embedded SQLite file under <see cref="DataDirectory"/>;
/// neither: no durable store is configured.</summary>
public sealed record NodePersistenceOptions
{
    /// <summary>Directory of the embedded SQLite journal (<c>journal.db</c>), created if missing.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>A PostgreSQL connection string (Npgsql syntax); takes precedence over <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>True when a durable store is configured.</summary>
    public bool Enabled => !string.IsNullOrEmpty(ConnectionString) || !string.IsNullOrEmpty(DataDirectory);

    /// <summary>What is wrong with these options, or null. Checked when the node starts, because the journal would
    /// otherwise find out only on the first persistent actor's recovery and retry it forever. The message never
    /// repeats the connection string, which may hold a password.</summary>
    public string? Problem()
    {
        if (string.IsNullOrEmpty(ConnectionString))
        {
            return null;
        }

        DbConnectionStringBuilder parsed;
        try
        {
            parsed = new DbConnectionStringBuilder { ConnectionString = ConnectionString };
        }
        catch (ArgumentException e)
        {
            return $"node:persistence:connectionString is not KEY=VALUE pairs separated by ';' ({e.Message}); " +
                "e.g. Host=127.0.0.1;Database=counter;Username=counter;Password=...";
        }

        return parsed.ContainsKey("Host") || parsed.ContainsKey("Server")
            ? null
            : "node:persistence:connectionString names no Host; e.g. Host=127.0.0.1;Database=counter;Username=counter;Password=...";
    }

    /// <summary>The linq2db provider and the connection string the SQL plugin uses.</summary>
    public (string Provider, string ConnectionString) Store() => string.IsNullOrEmpty(ConnectionString)
        ? ("SQLite.MS", $"Data Source={Path.GetFullPath(Path.Combine(DataDirectory!, "journal.db"))}")
        : ("PostgreSQL.15", ConnectionString);
}
