using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Hyperion;

namespace Actors.Node;

/// <summary>Hyperion's type filter over a fixed set of types. Hyperion's own <see cref="TypeFilter"/> cannot be
/// used: it compares exact strings, and Hyperion 0.12.2 asks with the full assembly-qualified name (with version)
/// when it serializes but with its short form (no version, <c>%core%</c> for the core library) when it
/// deserializes, so a node could not even send a type it allows. Both forms are reduced to one here.</summary>
internal sealed partial class TypeNameFilter : ITypeFilter
{
    private readonly FrozenSet<string> _allowed;

    public TypeNameFilter(IEnumerable<Type> allowed) =>
        _allowed = allowed.Select(t => Normalize(t.AssemblyQualifiedName!)).ToFrozenSet(StringComparer.Ordinal);

    public bool IsAllowed(string typeName) => _allowed.Contains(Normalize(typeName));

    private static string Normalize(string name) => AssemblyDetails().Replace(name.Replace(",%core%", ", System.Private.CoreLib", StringComparison.Ordinal), string.Empty);

    [GeneratedRegex(@", (Version|Culture|PublicKeyToken)=[^,\]]+", RegexOptions.CultureInvariant)]
    private static partial Regex AssemblyDetails();
}
