using Actors.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PerRequest;

try
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
    {
        ["--requests"] = "PerRequest:Requests",
        ["--driver"] = "PerRequest:Driver",
    });

    if (builder.Configuration["Actors:Service"] is not null)
    {
        // One node of the service named there: what the process driver launches for each request.
        builder.Services.AddActors(PerRequestServices.All);
    }
    else
    {
        var settings = new RequestSettings(
            builder.Configuration.GetValue("PerRequest:Requests", 5),
            builder.Configuration.GetValue("PerRequest:Driver", "inproc://")!).Validate();
        builder.Services.AddActors(o => o.Run(PerRequestServices.Gateway).Reach(PerRequestServices.Worker));
        builder.Services.AddSingleton(settings);
        builder.Services.AddHostedService<Requests>();
    }

    await builder.Build().RunAsync();
    return Environment.ExitCode;
}
catch (Exception e) when (e is InvalidOperationException or ArgumentException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
