using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Tests.Otp;

// What a test process reports to the probe: every start and every exit, so tests can check order.
public sealed record Started(string Name, IActorRef Ref, object? Argument);

public sealed record Exited(string Name, ExitReason Reason);

public sealed record Trapped(string Name, ExitSignal Signal);

public sealed record Stopped(string Name);

public sealed record Pong(string Name);

// Commands a test process obeys.
public sealed record Crash
{
    public static Crash Instance { get; } = new();
}

public sealed record Ping
{
    public static Ping Instance { get; } = new();
}

public sealed record Done
{
    public static Done Instance { get; } = new();
}

public sealed record ExitWith(ExitReason Reason);

public sealed record LinkTo(IActorRef Other);

public sealed record UnlinkFrom(IActorRef Other);

public sealed record MonitorTarget(IActorRef Target);

public sealed record DemonitorTarget(IActorRef Target);

/// <summary>Tells the host to send its supervisor an exit signal, as an OTP parent does on shutdown.</summary>
public sealed record SignalChild(ExitReason Reason);

public sealed record GetChild
{
    public static GetChild Instance { get; } = new();
}

/// <summary>How a test process treats exit signals.</summary>
public enum Trap
{
    /// <summary>Does not trap: dies from any signal but normal.</summary>
    None,

    /// <summary>Traps, reports, and exits when its parent says so (what a gen_server does).</summary>
    Cooperate,

    /// <summary>Traps, reports, and keeps running whatever the signal.</summary>
    Ignore,
}

/// <summary>An Erlang-style process for tests: reports its start and exit to a probe and obeys commands.</summary>
public sealed class TestProcess : OtpActor
{
    private readonly string _name;
    private readonly IActorRef _probe;

    public TestProcess(string name, IActorRef probe, Trap trap, object? argument)
    {
        _name = name;
        _probe = probe;
        TrapExit = trap != Trap.None;
        probe.Tell(new Started(name, Self, argument));
        Receive<ExitSignal>(signal =>
        {
            probe.Tell(new Trapped(name, signal));
            if (trap == Trap.Cooperate && signal.From.Equals(Context.Parent))
            {
                Exit(signal.Reason);
            }
        });
        Receive<Down>(down => probe.Tell(down));
        Receive<Crash>(_ => throw new InvalidOperationException("boom"));
        Receive<ExitWith>(order => Exit(order.Reason));
        Receive<Ping>(_ => Sender.Tell(new Pong(name)));
        Receive<LinkTo>(order => Reply(() => Link(order.Other)));
        Receive<UnlinkFrom>(order => Reply(() => Unlink(order.Other)));
        Receive<MonitorTarget>(order => Reply(() => Monitor(order.Target)));
        Receive<DemonitorTarget>(order => Reply(() => Demonitor(order.Target)));
    }

    protected override void OnExit(ExitReason reason) => _probe.Tell(new Exited(_name, reason));

    private void Reply(Action action)
    {
        action();
        Sender.Tell(Done.Instance);
    }
}

/// <summary>A process whose init crashes.</summary>
public sealed class FailingProcess : OtpActor
{
    public FailingProcess() => throw new InvalidOperationException("cannot start");
}

/// <summary>A plain Akka actor (no exit signals to trap) as a supervised child.</summary>
public sealed class PlainProcess : ReceiveActor
{
    private readonly string _name;
    private readonly IActorRef _probe;

    public PlainProcess(string name, IActorRef probe)
    {
        _name = name;
        _probe = probe;
        probe.Tell(new Started(name, Self, null));
        ReceiveAny(_ => { });
    }

    protected override void PostStop() => _probe.Tell(new Stopped(_name));
}

/// <summary>The OTP parent of a supervisor under test: monitors it, reports its Down, and can order it to exit.</summary>
public sealed class Host : OtpActor
{
    public Host(Props child, IActorRef probe)
    {
        var sup = Context.ActorOf(child, "sup");
        Monitor(sup);
        Receive<Down>(down => probe.Tell(down));
        Receive<SignalChild>(order => sup.Tell(new ExitSignal(Self, order.Reason)));
        Receive<GetChild>(_ => Sender.Tell(sup));
    }

    protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;
}

/// <summary>A test kit with a fake clock, a probe that records starts and exits, and helpers to run
/// supervisors under an OTP parent.</summary>
public abstract class OtpTestKit : TestKit
{
    // Top-level test processes die when they crash, as Erlang processes do, instead of being restarted by Akka.
    // An expected message may take a while when the whole suite runs in parallel on two cores (3 s, the test kit's
    // default, was once too short in CI); waits for no message name their own short time.
    private const string Config = """
        akka.loglevel = WARNING
        akka.actor.guardian-supervisor-strategy = "Akka.Actor.StoppingSupervisorStrategy, Akka"
        akka.test.single-expect-default = 10s
        """;

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    protected OtpTestKit()
        : base(Config)
    {
        Time = new FakeTimeProvider();
        NodeIdentity.For(Sys).UseTime(Time);
        Probe = CreateTestProbe();
    }

    protected static TimeSpan Briefly { get; } = TimeSpan.FromMilliseconds(200);

    protected FakeTimeProvider Time { get; }

    protected TestProbe Probe { get; }

    protected IActorRef? HostRef { get; private set; }

    protected Props Proc(string name, Trap trap = Trap.None, object? argument = null)
    {
        var probe = Probe.Ref;
        return Props.Create(() => new TestProcess(name, probe, trap, argument));
    }

    protected ChildSpec Worker(string id, Trap trap = Trap.None) => ChildSpec.Worker(id, Proc(id, trap));

    /// <summary>A simple_one_for_one template whose instances are named after their argument.</summary>
    protected ChildSpec Template(Trap trap = Trap.None)
    {
        var probe = Probe.Ref;
        return ChildSpec.Template("w", arg => Props.Create(() => new TestProcess($"w:{arg}", probe, trap, arg)));
    }

    /// <summary>Starts a supervisor under a <see cref="Host"/> and returns it.</summary>
    protected async Task<IActorRef> StartAsync(SupervisorSpec spec)
    {
        var sup = OtpSupervisor.Props(spec, Time);
        var probe = Probe.Ref;
        HostRef = Sys.ActorOf(Props.Create(() => new Host(sup, probe)), "host");
        return await HostRef.Ask<IActorRef>(GetChild.Instance, CallTimeout);
    }

    /// <summary>The supervisor's parent orders it to shut down.</summary>
    protected void ShutdownSupervisor() => HostRef!.Tell(new SignalChild(ExitReason.Shutdown));

    /// <summary>Starts a top-level test process and waits until it runs.</summary>
    protected IActorRef Spawn(string name, Trap trap = Trap.None)
    {
        var actor = Sys.ActorOf(Proc(name, trap), name);
        ExpectStarted(name);
        return actor;
    }

    protected static Task<Done> Call(IActorRef actor, object command) => actor.Ask<Done>(command, CallTimeout);

    protected async Task AssertAliveAsync(IActorRef actor, string name) =>
        Assert.Equal(new Pong(name), await actor.Ask<Pong>(Ping.Instance, CallTimeout));

    /// <summary>Expects these processes to start, in this order, and nothing else in between.</summary>
    protected IActorRef[] ExpectStarted(params string[] names)
    {
        var refs = new IActorRef[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var started = Probe.ExpectMsg<Started>();
            Assert.Equal(names[i], started.Name);
            refs[i] = started.Ref;
        }

        return refs;
    }

    protected Exited ExpectExited(string name, ExitReason reason)
    {
        var exited = Probe.ExpectMsg<Exited>();
        Assert.Equal((name, reason), (exited.Name, exited.Reason));
        return exited;
    }

    protected void ExpectCrashed(string name)
    {
        var exited = Probe.ExpectMsg<Exited>();
        Assert.Equal((name, ExitKind.Error), (exited.Name, exited.Reason.Kind));
        Assert.Equal("InvalidOperationException: boom", exited.Reason.Detail);
    }

    protected Trapped ExpectTrapped(string name, ExitReason reason)
    {
        var trapped = Probe.ExpectMsg<Trapped>();
        Assert.Equal((name, reason), (trapped.Name, trapped.Signal.Reason));
        return trapped;
    }

    protected void ExpectDown(ExitReason reason) => Assert.Equal(reason, Probe.ExpectMsg<Down>().Reason);

    protected TestProbe SubscribeEvents()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(RuntimeEvent));
        return events;
    }

    /// <summary>Skips other events until <paramref name="name"/> arrives (for <paramref name="child"/> if given).</summary>
    protected static RuntimeEvent ExpectEvent(TestProbe events, string name, string? child = null) =>
        events.FishForMessage<RuntimeEvent>(e => e.Event == name && (child is null || e.Fields.GetValueOrDefault("child") == child));

    protected static IEnumerable<IActorRef?> Refs(IEnumerable<SupervisorCommands.ChildInfo> children) => children.Select(c => c.Ref);

    /// <summary>Makes <paramref name="actor"/> exit the way <paramref name="how"/> names; see <see cref="ReasonOf"/>.</summary>
    protected void MakeExit(IActorRef actor, string how)
    {
        switch (how)
        {
            case "crash":
                actor.Tell(Crash.Instance);
                break;
            case "kill":
                actor.Tell(new ExitSignal(TestActor, ExitReason.Kill));
                break;
            default:
                actor.Tell(new ExitWith(ReasonOf(how)));
                break;
        }
    }

    protected static ExitReason ReasonOf(string how) => how switch
    {
        "normal" => ExitReason.Normal,
        "shutdown" => ExitReason.Shutdown,
        "{shutdown,done}" => ExitReason.ShutdownWith("done"),
        "error" => ExitReason.Error("bad_state"),
        "kill" => ExitReason.Killed,
        _ => throw new ArgumentOutOfRangeException(nameof(how), how, "no such exit"),
    };

    protected void ExpectExitedAs(string name, string how)
    {
        if (how == "crash")
        {
            ExpectCrashed(name);
        }
        else
        {
            ExpectExited(name, ReasonOf(how));
        }
    }
}
