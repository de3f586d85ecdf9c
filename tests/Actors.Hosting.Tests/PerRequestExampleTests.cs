namespace Actors.Hosting.Tests;

/// <summary>Runs examples/PerRequest and checks what its README promises.</summary>
public sealed class PerRequestExampleTests
{
    [Theory]
    [InlineData("inproc://")]
    [InlineData("process://")]
    public async Task Each_request_is_served_by_a_node_booted_for_it_and_the_boot_latency_is_printed(string driver)
    {
        var run = await ExampleRun.RunAsync("PerRequest", TimeSpan.FromMinutes(3), "--requests", "3", "--driver", driver);

        Assert.True(run.ExitCode == 0, run.ToString());
        // "request 2   worker-2@127.0.0.1  driver boot 408 ms  first reply 432 ms  destroyed 181 ms later  sha256 ..."
        var requests = run.Words("request");
        Assert.Equal(["1", "2", "3"], requests.Select(w => w[1]));
        Assert.Equal(["worker-1@127.0.0.1", "worker-2@127.0.0.1", "worker-3@127.0.0.1"], requests.Select(w => w[2]));
        Assert.All(requests, w => Assert.True(int.Parse(w[9], System.Globalization.CultureInfo.InvariantCulture) > 0, string.Join(' ', w)));
        Assert.Equal(3, requests.Select(w => w[^1]).Distinct().Count());
        var summary = Assert.Single(run.Words("summary"));
        Assert.StartsWith($"summary 3 requests on {driver}, one node each: boot to first reply p50", string.Join(' ', summary));
    }

    [Fact]
    public async Task A_driver_that_cannot_run_the_node_is_refused_by_name_without_a_stack_trace()
    {
        var run = await ExampleRun.RunAsync("PerRequest", TimeSpan.FromMinutes(1), "--driver", "qemu://");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: --driver is 'qemu://'; this demo boots nodes on inproc:// or process://", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }
}
