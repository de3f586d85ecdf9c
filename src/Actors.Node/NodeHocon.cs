using System.Text;

namespace Actors.Node;

/// <summary>The one place HOCON is written: from <see cref="NodeOptions"/>, the node's role and the message
/// types bound to Hyperion.</summary>
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
                serializers.hyperion = "Akka.Serialization.HyperionSerializer, Akka.Serialization.Hyperion"
                serialization-bindings {
            """);
        foreach (var type in messageTypes.Append(typeof(Summon)).Distinct())
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

        hocon.AppendLine("""
              }
              coordinated-shutdown {
                run-by-clr-shutdown-hook = off
                exit-clr = off
              }
            }
            """);
        return hocon.ToString();
    }

    private static string Millis(TimeSpan t) => $"{(long)t.TotalMilliseconds}ms";

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
