// A stand-in under the name of the WPF type behind the best-known .NET deserialization gadget: a payload naming it
// must be refused by name on every node, whatever the type would do.
namespace System.Windows.Data;

public sealed class ObjectDataProvider(string methodName, string argument)
{
    public string MethodName { get; } = methodName;

    public string Argument { get; } = argument;
}
