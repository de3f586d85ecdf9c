using Actors.Hypervisor;

// Usage: Actors.ProcessHost STATE_DIR PROGRAM [ARGS...]
var driver = Hypervisors.Open("process://", new HypervisorOptions { StateDirectory = args[0] });
var started = new TaskCompletionSource<string>();
driver.Subscribe(e =>
{
    if (e.Kind == DomainEventKind.Started)
    {
        started.TrySetResult(e.Detail ?? string.Empty);
    }
});
await driver.DefineAsync(new DomainSpec { Name = "child", Service = "test", Image = args[1], Arguments = args[2..] });
await driver.BootAsync("child");
Console.WriteLine((await started.Task).Replace("pid ", string.Empty, StringComparison.Ordinal));
await Task.Delay(Timeout.Infinite);
