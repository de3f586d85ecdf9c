using Microsoft.Data.Sqlite;

namespace Actors.Node.Tests;

/// <summary>The durable counter on its default store: an embedded SQLite journal in a fresh directory.</summary>
public sealed class DurableCounterSqliteTests : DurableCounterTests, IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("actors-counter-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    protected override Task<IReadOnlyList<string>> StoreAsync() =>
        Task.FromResult<IReadOnlyList<string>>([$"--node:persistence:dataDirectory={_data}"]);

    protected override async Task<long> JournalEventsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "journal.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("SELECT count(*) FROM journal", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
