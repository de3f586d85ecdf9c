using System.Buffers.Binary;
using System.Diagnostics;

namespace Actors.Images;

/// <summary>Gets the uncompressed ELF <c>vmlinux</c> out of a bzImage (Debian's <c>/boot/vmlinuz-*</c>), because
/// <c>-M microvm</c> boots a vmlinux through PVH without the ~3.4 s TCG spends decompressing a bzImage.</summary>
/// <remarks>The x86 boot header says where the compressed payload is (boot protocol 2.08+: <c>payload_offset</c>
/// at 0x248 and <c>payload_length</c> at 0x24c, counted from the protected-mode code after the setup sectors).
/// Debian builds with CONFIG_KERNEL_XZ; xz's <c>--single-stream</c> ignores the 4-byte size the kernel build
/// appends after the stream. Other compressions are refused by name.</remarks>
public static class KernelExtractor
{
    private static readonly byte[] XzMagic = [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00];

    /// <summary>Writes the vmlinux inside <paramref name="bzImage"/> to <paramref name="vmlinux"/>.</summary>
    public static async Task ExtractAsync(string bzImage, string vmlinux)
    {
        var image = await File.ReadAllBytesAsync(bzImage);
        if (image.Length < 0x250 || BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(0x202)) != 0x53726448) // "HdrS"
        {
            throw new InvalidDataException($"{bzImage} is not a bzImage");
        }

        var protocol = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(0x206));
        if (protocol < 0x208)
        {
            throw new InvalidDataException($"{bzImage} has boot protocol {protocol:x}; payload fields need 2.08");
        }

        var setupSectors = image[0x1F1] == 0 ? 4 : image[0x1F1];
        var start = (setupSectors + 1) * 512 + (int)BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(0x248));
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(0x24C));
        var payload = image.AsMemory(start, length);
        if (!payload.Span.StartsWith(XzMagic))
        {
            throw new InvalidDataException($"{bzImage}'s payload starts {Convert.ToHexString(payload.Span[..6])}, not xz; only xz kernels are handled");
        }

        await XzAsync(payload, vmlinux);
        await using var elf = File.OpenRead(vmlinux);
        var magic = new byte[4];
        await elf.ReadExactlyAsync(magic);
        if (!magic.AsSpan().SequenceEqual("\u007FELF"u8))
        {
            throw new InvalidDataException($"{bzImage}'s payload did not decompress to an ELF file");
        }
    }

    /// <summary>Decompresses xz data with Debian's xz (xz-utils); .NET has no xz decoder.</summary>
    public static async Task XzAsync(ReadOnlyMemory<byte> compressed, string outputPath)
    {
        var info = new ProcessStartInfo("xz", ["-dc", "--single-stream"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var xz = Process.Start(info) ?? throw new InvalidOperationException("xz did not start");
        await using (var output = File.Create(outputPath))
        {
            var copy = xz.StandardOutput.BaseStream.CopyToAsync(output);
            var errors = xz.StandardError.ReadToEndAsync();
            await xz.StandardInput.BaseStream.WriteAsync(compressed);
            xz.StandardInput.Close();
            await copy;
            await xz.WaitForExitAsync();
            if (xz.ExitCode != 0)
            {
                throw new InvalidDataException($"xz failed ({xz.ExitCode}): {await errors}");
            }
        }
    }
}
