using System.Text;

namespace Actors.Hypervisor;

/// <summary>Copies a child's output (QEMU's stdout, which carries the guest's serial console, or its stderr) to a
/// log file as it arrives and hands each complete line to a callback, so that a reader can await a line instead
/// of polling the file.</summary>
internal static class OutputPump
{
    /// <summary>Runs until <paramref name="output"/> ends, i.e. until QEMU exits. The log is rewritten per boot.</summary>
    public static async Task RunAsync(Stream output, string logPath, Action<string> onLine)
    {
        await using var log = new FileStream(logPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        var decoder = Encoding.UTF8.GetDecoder();
        var bytes = new byte[4096];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        var line = new StringBuilder();
        int n;
        while ((n = await output.ReadAsync(bytes)) > 0)
        {
            await log.WriteAsync(bytes.AsMemory(0, n));
            await log.FlushAsync();
            var count = decoder.GetChars(bytes, 0, n, chars, 0);
            for (var i = 0; i < count; i++)
            {
                if (chars[i] == '\n')
                {
                    onLine(line.ToString().TrimEnd('\r'));
                    line.Clear();
                }
                else
                {
                    line.Append(chars[i]);
                }
            }
        }

        if (line.Length > 0)
        {
            onLine(line.ToString().TrimEnd('\r'));
        }
    }
}
