using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Actors.Benchmarks;

/// <summary>Prints scenario results: a table (figure, baseline, ratio, goal, met) or JSON.</summary>
public static class Report
{
    /// <summary>Writes <paramref name="results"/> to the console.</summary>
    public static void Write(string scenario, IReadOnlyList<Measurement> results, bool json)
    {
        if (json)
        {
            var rows = results.Select(m => new
            {
                scenario, metric = m.Metric, note = m.Note, unit = m.Unit, value = m.Value, baseline_name = m.BaselineName,
                baseline = m.Baseline, ratio = m.Ratio, goal = m.Goal, met = m.Met,
            });
            Console.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
            return;
        }

        if (Console.IsOutputRedirected)
        {
            // Piped to a file or a log: do not wrap the table at the default 80 columns.
            AnsiConsole.Profile.Width = 200;
        }

        var table = new Table().Title($"[bold]{scenario}[/]  ({Environment.ProcessorCount} cores, .NET {Environment.Version})")
            .AddColumns("metric", "ours", "baseline", "ratio", "goal", "met");
        foreach (var m in results)
        {
            table.AddRow(
                Markup.Escape(m.Metric),
                m.Note is { } note ? Markup.Escape(note) : $"{Format(m.Value)} {Markup.Escape(m.Unit)}",
                m.Note is null ? $"{Format(m.Baseline)} ({Markup.Escape(m.BaselineName)})" : "-",
                m.Note is null ? m.Ratio.ToString("0.000", CultureInfo.InvariantCulture) : "-",
                Markup.Escape(m.Goal),
                m.Met ? "[green]yes[/]" : "[red]no[/]");
        }

        AnsiConsole.Write(table);
    }

    private static string Format(double v) => v.ToString(v >= 100 ? "N0" : "0.###", CultureInfo.InvariantCulture);
}
