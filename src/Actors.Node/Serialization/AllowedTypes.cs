using System.Reflection;

namespace Actors.Node;

/// <summary>The types a node lets Hyperion deserialize: the registered message types and what they are made of
/// (the concrete types of their fields, recursively, and an array and a list of each element type a field's
/// sequence type names). A field typed <c>object</c>, an interface or an abstract class adds nothing: whatever
/// runtime type fills it must itself be registered.</summary>
internal static class AllowedTypes
{
    public static IReadOnlyList<Type> Closure(IEnumerable<Type> registered)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(registered);
        while (pending.TryPop(out var type))
        {
            if (!Concrete(type) || !seen.Add(type))
            {
                continue;
            }

            foreach (var part in Parts(type))
            {
                pending.Push(part);
            }
        }

        return [.. seen.Where(t => !t.IsPrimitive && t != typeof(string)).OrderBy(t => t.FullName, StringComparer.Ordinal)];
    }

    private static bool Concrete(Type type) =>
        !type.IsInterface && !type.IsAbstract && !type.IsPointer && !type.IsByRef && !type.ContainsGenericParameters && type != typeof(object);

    private static IEnumerable<Type> Parts(Type type)
    {
        if (type.IsArray)
        {
            yield return type.GetElementType()!;
            yield break;
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                yield return argument;
            }
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                yield return field.FieldType;
                if (SequenceElement(field.FieldType) is { } element)
                {
                    yield return element.MakeArrayType();
                    yield return typeof(List<>).MakeGenericType(element);
                }
            }
        }
    }

    private static Type? SequenceElement(Type type) =>
        type.IsInterface && type.IsGenericType && type.GetGenericArguments() is [var element]
            && typeof(IEnumerable<>).MakeGenericType(element).IsAssignableFrom(type)
            ? element
            : null;
}
