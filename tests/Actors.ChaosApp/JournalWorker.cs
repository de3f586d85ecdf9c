using Akka.Actor;

namespace Actors.ChaosApp;

/// <summary>Appends each request's id to <c>{directory}/{node}.{pid}.ids</c>, one per line, and only then replies
/// with a <see cref="Receipt"/>. The file is flushed to the kernel before the reply, so a SIGKILL of the process
/// after the reply loses no id. A retried id is written again: readers treat the journal as a set.</summary>
public sealed class JournalWorker : OtpActor
{
    private readonly string? _directory;
    private readonly string _node;
    private StreamWriter? _journal;

    public JournalWorker(string? directory)
    {
        _directory = directory;
        _node = NodeIdentity.For(Context.System).Node ?? "local";
        Receive<Request>(r =>
        {
            _journal?.WriteLine(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Sender.Tell(new Receipt(r.Id, _node, Environment.ProcessId));
        });
    }

    /// <summary>The journal file a worker of <paramref name="node"/> in process <paramref name="pid"/> writes.</summary>
    public static string PathOf(string directory, string node, int pid) => Path.Combine(directory, $"{node}.{pid}.ids");

    protected override void PreStart()
    {
        base.PreStart();
        if (_directory is not null)
        {
            var file = new FileStream(PathOf(_directory, _node, Environment.ProcessId), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            _journal = new StreamWriter(file) { AutoFlush = true };
        }
    }

    protected override void OnExit(ExitReason reason) => _journal?.Dispose();
}
