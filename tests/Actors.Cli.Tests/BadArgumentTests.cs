using System.Text.RegularExpressions;
using Actors.TestSupport;

namespace Actors.Cli.Tests;

/// <summary>The bad-input catalogue's command-line surface: mistaken <c>actors</c> arguments, each run as the real
/// program. Every one exits 2 (usage) with an error on stderr that names the input, and no stack trace. (The other
/// surfaces are in tests/Actors.Node.Tests/BadInputCatalogueTests.)</summary>
public sealed partial class BadArgumentTests : IDisposable
{
    private static readonly string Scratch = Path.Combine(Path.GetTempPath(), $"actors-bad-args-{Guid.NewGuid():N}");

    public static TheoryData<BadArgument> Rows { get; } = [.. All()];

    public void Dispose()
    {
        if (Directory.Exists(Scratch))
        {
            Directory.Delete(Scratch, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_bad_argument_exits_2_naming_it_without_a_stack_trace(BadArgument row)
    {
        var (code, _, error) = await Cli.ActorsAsync([.. row.Arguments(Scratch)]);

        Assert.True(code == 2, $"exit {code}; stderr: {error}");
        Assert.Contains(row.Fragment, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        Assert.False(StackFrame().IsMatch(error), $"a stack trace on stderr: {error}");
    }

    [Fact]
    public void The_table_covers_every_command() =>
        Assert.Equal(["build", "certs", "deploy", "kill", "logs", "new", "ps", "run", "top", "verify"],
            All().Select(r => r.Arguments(Scratch)[0]).Where(a => !a.StartsWith('-') && a != "frobnicate").Distinct().Order());

    [GeneratedRegex(@"^\s+at \S+.*\(.*\)", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    private static IEnumerable<BadArgument> All()
    {
        var local = Repository.Path("deploy", "local.json");
        string[] Deploy(params string[] more) => ["deploy", "--cluster", local, "--project", "/nowhere/App.csproj", .. more];

        yield return new("unknown verb", _ => ["frobnicate"], "'frobnicate'");
        yield return new("unknown option", _ => ["ps", "--bogus"], "'--bogus'");
        yield return new("extra argument", _ => ["ps", "extra"], "'extra'");
        yield return new("endpoint not http", _ => ["ps", "--endpoint", "ftp://host/"], "'ftp://host/'");
        yield return new("endpoint not a URI", _ => ["ps", "--endpoint", "not a uri"], "'not a uri'");
        yield return new("kill without a node", _ => ["kill"], "'kill'");
        yield return new("--lines 0", _ => ["logs", "greeter-1", "--lines", "0"], "--lines 0");
        yield return new("--lines not a number", _ => ["logs", "greeter-1", "--lines", "many"], "'many'");
        yield return new("top --interval 0", _ => ["top", "--interval", "0"], "--interval");
        yield return new("top --limit -1", _ => ["top", "--limit", "-1"], "--limit");
        yield return new("new: name with a space", s => ["new", "my shop", "--out", Path.Combine(s, "new")], "'my shop'");
        yield return new("new: name with a dot", s => ["new", "Shop.Web", "--out", Path.Combine(s, "new")], "'Shop.Web'");
        yield return new("certs --days 0", s => ["certs", "--out", Path.Combine(s, "certs"), "--days", "0"], "--days is 0");
        yield return new("certs --days not a number", s => ["certs", "--out", Path.Combine(s, "certs"), "--days", "week"], "'week'");
        yield return new("build: missing project", s => ["build", "/nowhere/App.csproj", "--out", Path.Combine(s, "images")], "'/nowhere/App.csproj'");
        yield return new("run: missing project", _ => ["run", "/nowhere/App.csproj"], "'/nowhere/App.csproj'");
        yield return new("verify without an image", _ => ["verify"], "'verify'");
        yield return new("deploy: missing cluster file", _ => ["deploy", "--cluster", "/nowhere/cluster.json", "--project", "x"], "/nowhere/cluster.json");
        yield return new("deploy: cluster file not JSON", s => ["deploy", "--cluster", Write(s, "broken.json", "{ \"hosts\": [ "), "--project", "x"], "broken.json");
        yield return new("deploy: missing project", _ => Deploy(), "'/nowhere/App.csproj'");
        yield return new("deploy --for without a unit", _ => Deploy("--for", "10"), "'10'");
        yield return new("deploy --for unknown unit", _ => Deploy("--for", "10x"), "'10x'");
        yield return new("deploy --for negative", _ => Deploy("--for", "-5s"), "'-5s'");
        yield return new("deploy --node:port not a number", _ => Deploy("--node:port=abc"), "'abc'");
        yield return new("deploy --node:port out of range", _ => Deploy("--node:port=70000"), "node:port is 70000");
        yield return new("deploy --node:logLevel unknown", _ => Deploy("--node:logLevel=LOUD"), "'LOUD'");
        yield return new("deploy: unknown argument", _ => Deploy("--frobnicate"), "'--frobnicate'");
    }

    private static string Write(string directory, string name, string text)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}

/// <summary>One row: what is wrong, the arguments (given a scratch directory) and a fragment of stderr that names
/// the input.</summary>
public sealed record BadArgument(string Name, Func<string, string[]> Arguments, string Fragment)
{
    public override string ToString() => Name;
}
