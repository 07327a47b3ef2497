using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Reroute.Runtime.CodeGen;

/// <summary>
/// Decides whether System.Text.Json can carry a type across a process and back as the same type. The answer is a
/// reason when it cannot (completing the sentence "... {reason}, so the call cannot cross a process"), or null.
/// </summary>
internal sealed class SerializabilityChecker(Compilation compilation)
{
    private const int MaxDepth = 12;

    private static readonly HashSet<string> Refused = new(System.StringComparer.Ordinal)
    {
        "System.Type", "System.IO.Stream", "System.Threading.Tasks.Task", "System.Threading.Tasks.ValueTask",
        "System.Threading.Thread", "System.Exception", "System.IntPtr", "System.UIntPtr", "System.Reflection.MemberInfo",
        "System.Threading.CancellationTokenSource", "System.IServiceProvider",
    };

    private static readonly HashSet<string> CollectionInterfaces = new(System.StringComparer.Ordinal)
    {
        "System.Collections.Generic.IEnumerable<T>", "System.Collections.Generic.IReadOnlyList<T>",
        "System.Collections.Generic.IReadOnlyCollection<T>", "System.Collections.Generic.IList<T>",
        "System.Collections.Generic.ICollection<T>", "System.Collections.Generic.ISet<T>",
        "System.Collections.Generic.IReadOnlySet<T>", "System.Collections.Generic.IDictionary<TKey, TValue>",
        "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>",
        "System.Collections.Immutable.IImmutableList<T>", "System.Collections.Immutable.IImmutableDictionary<TKey, TValue>",
        "System.Collections.Immutable.IImmutableSet<T>",
    };

    private readonly Dictionary<ITypeSymbol, string?> _verdicts = new(SymbolEqualityComparer.Default);
    private readonly INamedTypeSymbol? _grain = compilation.GetTypeByMetadataName("Reroute.Runtime.IGrain");

    public static bool IsCancellationToken(ITypeSymbol type) => type.ToDisplayString() == "System.Threading.CancellationToken";

    public string? WhyNot(ITypeSymbol type, bool topLevelParameter)
    {
        if (topLevelParameter && IsCancellationToken(type))
        {
            return null;
        }

        return Check(type, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default), 0);
    }

    private string? Check(ITypeSymbol type, HashSet<ITypeSymbol> visiting, int depth)
    {
        if (_verdicts.TryGetValue(type, out var known))
        {
            return known;
        }

        if (depth > MaxDepth || !visiting.Add(type))
        {
            // A cycle or a deep graph: System.Text.Json handles recursive types it can otherwise serialize.
            return null;
        }

        var verdict = Decide(type, visiting, depth);
        visiting.Remove(type);
        _verdicts[type] = verdict;
        return verdict;
    }

    private string? Decide(ITypeSymbol type, HashSet<ITypeSymbol> visiting, int depth)
    {
        switch (type.TypeKind)
        {
            case TypeKind.Delegate:
                return "is a delegate";
            case TypeKind.Pointer:
            case TypeKind.FunctionPointer:
                return "is a pointer";
            case TypeKind.TypeParameter:
                return "is a type parameter";
            case TypeKind.Dynamic:
                return "is dynamic";
            case TypeKind.Error:
                return null;
            case TypeKind.Array:
                return Check(((IArrayTypeSymbol)type).ElementType, visiting, depth + 1);
            case TypeKind.Enum:
                return null;
        }

        if (type.IsRefLikeType)
        {
            return "is a ref struct";
        }

        if (type.SpecialType == SpecialType.System_Object)
        {
            return "is object, so the receiver cannot know which type to create";
        }

        if (type.TypeKind != TypeKind.Interface && type.SpecialType != SpecialType.None)
        {
            return type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr ? "is a pointer-sized handle" : null;
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        for (var t = named; t is not null; t = t.BaseType)
        {
            if (Refused.Contains(t.ConstructedFrom.ToDisplayString()))
            {
                return t.Equals(named, SymbolEqualityComparer.Default)
                    ? $"is {t.ToDisplayString()}, which does not serialize"
                    : $"derives from {t.ToDisplayString()}, which does not serialize";
            }
        }

        if (IsCancellationToken(type))
        {
            return "is a CancellationToken inside a value (only a method parameter may be one)";
        }

        var ns = named.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        if (named.TypeKind == TypeKind.Interface)
        {
            if (_grain is not null && (named.Equals(_grain, SymbolEqualityComparer.Default) || named.AllInterfaces.Contains(_grain, SymbolEqualityComparer.Default)))
            {
                return null;
            }

            if (CollectionInterfaces.Contains(named.ConstructedFrom.ToDisplayString()))
            {
                return CheckTypeArguments(named, visiting, depth);
            }

            return "is an interface that is neither a grain interface nor a collection, so the receiver cannot know which type to create";
        }

        if (ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal))
        {
            // Framework value types (DateTimeOffset, Guid, TimeSpan, Nullable<T>), string-like types and the
            // collections serialize; check only what they carry.
            return named.IsGenericType ? CheckTypeArguments(named, visiting, depth) : null;
        }

        if (named.IsAbstract && !HasPolymorphismAttributes(named))
        {
            return "is abstract and declares no [JsonDerivedType], so the receiver cannot know which type to create";
        }

        if (named.IsGenericType && CheckTypeArguments(named, visiting, depth) is { } argumentProblem)
        {
            return argumentProblem;
        }

        foreach (var property in AllInstanceProperties(named))
        {
            if (property.GetAttributes().Any(static a => a.AttributeClass?.Name == "JsonIgnoreAttribute"))
            {
                continue;
            }

            if (Check(property.Type, visiting, depth + 1) is { } problem)
            {
                return $"has property {property.Name} that {problem}";
            }
        }

        return null;
    }

    private string? CheckTypeArguments(INamedTypeSymbol named, HashSet<ITypeSymbol> visiting, int depth)
    {
        foreach (var argument in named.TypeArguments)
        {
            if (Check(argument, visiting, depth + 1) is { } problem)
            {
                return $"carries {argument.ToDisplayString()}, which {problem}";
            }
        }

        return null;
    }

    private static bool HasPolymorphismAttributes(INamedTypeSymbol type)
        => type.GetAttributes().Any(static a => a.AttributeClass?.Name is "JsonDerivedTypeAttribute" or "JsonPolymorphicAttribute");

    private static IEnumerable<IPropertySymbol> AllInstanceProperties(INamedTypeSymbol type)
    {
        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
        {
            foreach (var member in t.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, IsIndexer: false, GetMethod: not null } property)
                {
                    yield return property;
                }
            }
        }
    }
}
