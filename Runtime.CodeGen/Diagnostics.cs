using Microsoft.CodeAnalysis;

namespace Reroute.Runtime.CodeGen;

internal static class Diagnostics
{
    private const string Category = "Reroute.Grains";

    public static readonly DiagnosticDescriptor UnsupportedReturnType = new(
        "REROUTE001",
        "Grain method must return Task, Task<T>, ValueTask or ValueTask<T>",
        "Grain method {0} returns {1}: grain calls are asynchronous, so it must return Task, Task<T>, ValueTask or ValueTask<T>",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotSerializable = new(
        "REROUTE002",
        "Grain method uses a type the runtime cannot serialize",
        "Grain method {0}: {1} {2}, so the call cannot cross a process",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor Generic = new(
        "REROUTE003",
        "Generic grain interfaces and methods are not supported",
        "{0} is generic: grain interfaces and their methods cannot have type parameters",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ByRefParameter = new(
        "REROUTE004",
        "Grain method parameters cannot be ref, out or in",
        "Grain method {0}: parameter '{1}' is passed by reference; grain calls pass values",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotAMethod = new(
        "REROUTE005",
        "Grain interfaces declare only methods",
        "{0} declares {1}: grain interfaces declare only methods",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
