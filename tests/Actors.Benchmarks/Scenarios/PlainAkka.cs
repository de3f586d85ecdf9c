namespace Actors.Benchmarks;

/// <summary>The one place the benchmarks' baselines get their HOCON: stock Akka.NET, configured only in what a
/// baseline must choose (the provider, loopback remoting on a free port, quiet logs), so each baseline is Akka as
/// its users get it. Actors' own nodes take theirs from NodeHocon.</summary>
internal static class PlainAkka
{
    /// <summary>Which actor-ref provider a baseline system runs.</summary>
    public enum Provider
    {
        /// <summary>No remoting.</summary>
        Local,

        /// <summary>Akka.Remote over loopback.</summary>
        Remote,

        /// <summary>Akka.Cluster over loopback, with its default failure detector and downing.</summary>
        Cluster,
    }

    /// <summary>HOCON for a baseline system.</summary>
    public static string Config(Provider provider = Provider.Local, string logLevel = "WARNING")
    {
        var lines = new List<string> { $"akka.loglevel = {logLevel}", $"akka.stdout-loglevel = {logLevel}", "akka.log-dead-letters = off" };
        if (provider != Provider.Local)
        {
            lines.Add($"akka.actor.provider = {provider.ToString().ToLowerInvariant()}");
            lines.Add("akka.remote.dot-netty.tcp { hostname = \"127.0.0.1\", port = 0 }");
        }

        return string.Join('\n', lines);
    }
}
