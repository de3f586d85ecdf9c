using System.Text;

namespace Actors.Node;

/// <summary>The one place HOCON is written: from <see cref="NodeOptions"/>, the node's role and the message
/// types bound to Hyperion. Those types (and what they are made of) are also the only ones Hyperion deserializes
/// on the node: every other payload, a gadget type included, is refused and reported (see
/// <see cref="AllowListSerializer"/>); Akka's JSON serializer, which would instantiate any type a payload names,
/// is replaced by <see cref="RefusedJsonSerializer"/>.</summary>
public static class NodeHocon
{
    /// <summary>Renders the node's Akka configuration.</summary>
    public static string Render(NodeOptions options, string role, IEnumerable<Type> messageTypes)
    {
        var hocon = new StringBuilder();
        hocon.AppendLine($$"""
            akka {
              loglevel = {{options.LogLevel}}
              stdout-loglevel = ERROR
              loggers = ["Actors.Node.RuntimeEventLogger, Actors.Node"]
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              actor {
                provider = cluster
                serializers.hyperion = "Actors.Node.AllowListSerializer, Actors.Node"
                serializers.json = "Actors.Node.RefusedJsonSerializer, Actors.Node"
                serialization-settings.hyperion {
                  disallow-unsafe-type = on
                  allowed-types = [
            """);
        var registered = messageTypes.Append(typeof(Summon)).Distinct().ToList();
        foreach (var type in AllowedTypes.Closure(registered))
        {
            hocon.AppendLine($"        {Quote(type.AssemblyQualifiedName!)}");
        }

        hocon.AppendLine("""
                  ]
                }
                serialization-bindings {
                  "System.Object" = hyperion
            """);
        foreach (var type in registered)
        {
            hocon.AppendLine($"      {Quote($"{type.FullName}, {type.Assembly.GetName().Name}")} = hyperion");
        }

        hocon.AppendLine($$"""
                }
              }
              remote.flush-wait-on-shutdown = 500ms
              remote.dot-netty.tcp {
                hostname = {{Quote(options.Host)}}
                public-hostname = {{Quote(options.AdvertisedHost)}}
                port = {{options.Port}}
            """);
        if (options.Tls.Enabled)
        {
            // The certificate and the validator that pins the cluster's authority come through DotNettySslSetup
            // (see ClusterTls): with HOCON alone Akka would trust whatever the machine's trust store trusts.
            hocon.AppendLine("""
                    enable-ssl = on
                    ssl {
                      suppress-validation = off
                      require-mutual-authentication = on
                      validate-certificate-hostname = off
                    }
                """);
        }

        hocon.AppendLine($$"""
              }
              cluster {
                roles = [{{string.Join(", ", options.Roles.Prepend(role).Distinct().Select(Quote))}}]
                seed-nodes = [{{string.Join(", ", options.Seeds.Select(Quote))}}]
                run-coordinated-shutdown-when-down = on
                # No automatic downing: the cluster supervisor downs a member as soon as a driver reports its
                # domain dead (or the member stays unreachable), so no split-brain rule can down a survivor.
                downing-provider-class = ""
            """);
        if (options.GossipInterval is { } gossip)
        {
            hocon.AppendLine($"    gossip-interval = {Millis(gossip)}");
        }

        if (options.LeaderActionsInterval is { } leader)
        {
            hocon.AppendLine($"    leader-actions-interval = {Millis(leader)}");
        }

        hocon.AppendLine("  }");
        if (options.Persistence.Enabled)
        {
            var (provider, connection) = options.Persistence.Store();
            hocon.AppendLine($$"""
                  persistence {
                    journal.plugin = "akka.persistence.journal.sql"
                    journal.sql {
                      class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
                      connection-string = {{Quote(connection)}}
                      provider-name = {{Quote(provider)}}
                      auto-initialize = on
                    }
                    snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
                    snapshot-store.sql {
                      class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
                      connection-string = {{Quote(connection)}}
                      provider-name = {{Quote(provider)}}
                      auto-initialize = on
                    }
                  }
                """);
        }

        hocon.AppendLine("""
              coordinated-shutdown {
                run-by-clr-shutdown-hook = off
                exit-clr = off
                # The service's supervision tree stops in this phase; a supervisor of VMs waits for each node's
                # graceful shutdown there (Node's own wait is as long).
                phases.service-stop.timeout = 30s
              }
            }
            """);
        return hocon.ToString();
    }

    private static string Millis(TimeSpan t) => $"{(long)t.TotalMilliseconds}ms";

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
