using Actors.Node;

// The service layer's directory: ACTORS_SERVICE_DIR (the image's init sets it), else beside this program.
var directory = Environment.GetEnvironmentVariable("ACTORS_SERVICE_DIR") ?? Path.Combine(AppContext.BaseDirectory, "service");
IReadOnlyList<Actors.ServiceSpec> services;
try
{
    services = ServiceCatalogs.Load(directory);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return ActorsApplication.UsageError;
}

// ACTORS_SERVICE names the service when no --service is given (the init passes it from the kernel command line).
var service = Environment.GetEnvironmentVariable("ACTORS_SERVICE");
return await ActorsApplication.RunAsync(service is { Length: > 0 } && !args.Contains("--service") ? [.. args, "--service", service] : args, services);
