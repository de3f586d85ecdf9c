using System.Diagnostics;
using Actors.Hypervisor;

namespace Actors.Benchmarks;

/// <summary><c>libvirt</c>: define + start + destroy + undefine through the libvirt driver (typed errors,
/// metadata, capacity, events) against the same four calls as bare P/Invoke, on libvirt's test:///default,
/// alternating in the same run.</summary>
public sealed class LibvirtScenario : IScenario
{
    private const int Trials = 9;
    private const int Cycles = 2_000;

    /// <inheritdoc />
    public string Name => "libvirt";

    /// <inheritdoc />
    public string Description => "define+start+destroy+undefine: driver vs raw P/Invoke on test:///default (goal <= 1.2x the time)";

    /// <inheritdoc />
    public async Task<IReadOnlyList<Measurement>> RunAsync(Action<string> progress)
    {
        progress($"{Cycles:N0} cycles x {Trials} trials each, driver and raw P/Invoke alternating");
        await using var driver = Hypervisors.Open("test:///default");
        using var raw = new LibvirtRawLoop("bench-raw");
        var spec = LibvirtRawLoop.SpecFor("bench-driver");

        var paired = await Benchmarks.Trials.AlternateTimedAsync(Trials, Cycles,
            () => Task.FromResult(Time(() => { for (var i = 0; i < Cycles; i++) { raw.RunOnce(); } })),
            async () =>
            {
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < Cycles; i++)
                {
                    await driver.DefineAsync(spec);
                    await driver.BootAsync(spec.Name);
                    await driver.DestroyAsync(spec.Name);
                    await driver.UndefineAsync(spec.Name);
                }

                return watch.Elapsed;
            });

        // Rates become microseconds per cycle; the goal is on time, so the ratio is raw rate / driver rate.
        return
        [
            new Measurement("define+start+destroy+undefine", "us/cycle", 1e6 / paired.Candidate, "raw P/Invoke", 1e6 / paired.Baseline, "<= 1.2")
            {
                Ratio = 1 / paired.Ratio,
            },
        ];
    }

    private static TimeSpan Time(Action run)
    {
        var watch = Stopwatch.StartNew();
        run();
        return watch.Elapsed;
    }
}
