namespace Actors.Hypervisor;

/// <summary>Guest disk names the way Linux numbers them: a..z, then aa, ab...</summary>
internal static class DiskNames
{
    public static string Of(string prefix, int index)
    {
        var suffix = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            suffix = (char)('a' + ((n - 1) % 26)) + suffix;
        }

        return prefix + suffix;
    }
}
