using System.CommandLine;
using Actors.Node;

namespace Actors.Cli;

/// <summary><c>actors certs</c>: a cluster's mutual-TLS credentials.</summary>
internal static class CertsCommand
{
    public static Command Create(Func<Func<Task>, Task<int>> run)
    {
        var output = new Option<string>("--out") { Description = "Directory to write node.pfx, node.password and ca.crt into", Required = true };
        var cluster = new Option<string>("--cluster") { Description = "The cluster's name, written into the certificates", DefaultValueFactory = _ => "actors" };
        var days = new Option<int>("--days") { Description = "How many days the certificates are valid", DefaultValueFactory = _ => 365 };
        var command = new Command("certs",
            "Make a cluster's credentials: a certificate authority of its own and a node certificate it signs. Every node of the cluster " +
            "runs with node.pfx (node:tls:certificate) and its password (node:tls:password) and accepts only peers that present a " +
            "certificate of the same authority; plaintext and other clusters' nodes are refused. The authority's private key is not kept: " +
            "to rotate, make a new set and roll it out to every node.\n\n" +
            "Example:\n  actors certs --out /etc/actors/tls --cluster prod\n  ACTORS_NODE__TLS__CERTIFICATE=/etc/actors/tls/node.pfx ACTORS_NODE__TLS__PASSWORD=$(cat /etc/actors/tls/node.password) dotnet Hello.dll")
        {
            output, cluster, days,
        };
        command.SetAction(parse => run(() =>
        {
            var validDays = parse.GetValue(days);
            if (validDays is < 1 or > 3650)
            {
                throw new CliException($"--days is {validDays}; give 1 to 3650", ExitCodes.Usage);
            }

            var directory = parse.GetValue(output)!;
            NodeTlsOptions tls;
            try
            {
                tls = ClusterCertificates.Write(directory, parse.GetValue(cluster)!, TimeSpan.FromDays(validDays));
            }
            catch (ArgumentException e)
            {
                throw new CliException($"--cluster: {e.Message}", ExitCodes.Usage);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"--out '{directory}' cannot be written: {e.Message}", ExitCodes.Failed);
            }

            Console.WriteLine($"wrote {tls.Certificate}, {Path.Combine(directory, ClusterCertificates.PasswordFile)} and {Path.Combine(directory, ClusterCertificates.AuthorityFile)}");
            return Task.CompletedTask;
        }));
        return command;
    }
}
