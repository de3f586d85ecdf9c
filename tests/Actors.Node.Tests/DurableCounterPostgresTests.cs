using Npgsql;

namespace Actors.Node.Tests;

/// <summary>The durable counter on a real PostgreSQL server, named by the connection string in
/// <c>ACTORS_TEST_POSTGRES</c> (.ci/test starts a local server and sets it). Each run gets a database of its own,
/// created here and dropped afterwards, so that a journal left by an earlier run cannot make the count pass.</summary>
public sealed class DurableCounterPostgresTests : DurableCounterTests, IAsyncLifetime
{
    /// <summary>The environment variable with an Npgsql connection string of a role that may create databases.</summary>
    public const string Variable = "ACTORS_TEST_POSTGRES";

    private readonly string _database = $"actors_counter_{Guid.NewGuid():N}";
    private string? _server;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            // FORCE: the killed counter's connections may not have been reaped by the server yet.
            await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        }
    }

    protected override async Task<IReadOnlyList<string>> StoreAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(server))
        {
            // CI runs .ci/test, which always provides a server: there a missing one is a broken set-up, not a skip.
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                $"CI=true but {Variable} is not set: .ci/test should have started PostgreSQL and exported it");
            Skip.If(true, $"{Variable} is not set: no PostgreSQL server to test the PostgreSQL journal against " +
                "(bash .ci/test as root starts one; or set it to an Npgsql connection string of a role with CREATEDB)");
        }

        await ExecuteAsync(server!, $"CREATE DATABASE {_database}");
        _server = server;
        var journal = new NpgsqlConnectionStringBuilder(server) { Database = _database }.ConnectionString;
        return [$"--node:persistence:connectionString={journal}"];
    }

    protected override async Task<long> JournalEventsAsync()
    {
        var journal = new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;
        return (long)(await ExecuteAsync(journal, "SELECT count(*) FROM journal"))!;
    }

    private static async Task<object?> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
