using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Tests.Otp;

public sealed class SmokeTests : TestKit
{
    private sealed class Worker : OtpActor
    {
        public Worker(IActorRef probe)
        {
            probe.Tell(("started", Self.Path.Name));
            Receive<string>(s => s == "crash", _ => throw new InvalidOperationException("boom"));
            Receive<string>(s => Sender.Tell(s));
        }
    }

    [Fact]
    public async Task OneForOne_restarts_only_the_crashed_child()
    {
        var time = new FakeTimeProvider();
        NodeIdentity.For(Sys).UseTime(time);
        var probe = CreateTestProbe();
        var spec = new SupervisorSpec(RestartStrategy.OneForOne,
            ChildSpec.Worker("a", Props.Create(() => new Worker(probe.Ref))),
            ChildSpec.Worker("b", Props.Create(() => new Worker(probe.Ref))));
        var sup = Sys.ActorOf(OtpSupervisor.Props(spec), "sup");
        probe.ExpectMsg(("started", "a"));
        probe.ExpectMsg(("started", "b"));
        var children = await sup.WhichChildrenAsync();
        children[0].Ref!.Tell("crash");
        probe.ExpectMsg(("started", "a"));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        var after = await sup.WhichChildrenAsync();
        Assert.NotEqual(children[0].Ref, after[0].Ref);
        Assert.Equal(children[1].Ref, after[1].Ref);
    }
}
