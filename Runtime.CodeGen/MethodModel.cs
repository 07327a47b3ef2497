using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Reroute.Runtime.CodeGen;

/// <summary>One grain interface method: its parameters, its result type and its scheduling attributes.</summary>
internal sealed class MethodModel
{
    private readonly INamedTypeSymbol _declaring;
    private readonly IMethodSymbol _method;
    private readonly ReturnKind _returnKind;
    private readonly ITypeSymbol? _resultType;

    private MethodModel(INamedTypeSymbol declaring, IMethodSymbol method, int index, ReturnKind returnKind, ITypeSymbol? resultType)
    {
        _declaring = declaring;
        _method = method;
        Index = index;
        _returnKind = returnKind;
        _resultType = resultType;
        Name = method.Name;
        Id = method.Name;
    }

    private enum ReturnKind
    {
        Task,
        TaskOfT,
        ValueTask,
        ValueTaskOfT,
    }

    public int Index { get; }

    public string Name { get; }

    public string Id { get; set; }

    public string ResultTypeForDescriptor => _resultType is null ? "object" : _resultType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private string ResultType => _resultType is null ? "object?" : InterfaceModel.Display(_resultType);

    public static MethodModel? Create(INamedTypeSymbol declaring, IMethodSymbol method, int index, SerializabilityChecker checker, SourceProductionContext spc)
    {
        var display = $"{declaring.Name}.{method.Name}";
        var location = method.Locations.FirstOrDefault();
        if (method.IsGenericMethod)
        {
            spc.ReportDiagnostic(Diagnostic.Create(Diagnostics.Generic, location, display));
            return null;
        }

        var ok = true;
        ReturnKind kind;
        ITypeSymbol? result = null;
        var returnType = method.ReturnType as INamedTypeSymbol;
        var returnName = returnType?.ConstructedFrom.ToDisplayString();
        switch (returnName)
        {
            case "System.Threading.Tasks.Task":
                kind = ReturnKind.Task;
                break;
            case "System.Threading.Tasks.Task<TResult>":
                kind = ReturnKind.TaskOfT;
                result = returnType!.TypeArguments[0];
                break;
            case "System.Threading.Tasks.ValueTask":
                kind = ReturnKind.ValueTask;
                break;
            case "System.Threading.Tasks.ValueTask<TResult>":
                kind = ReturnKind.ValueTaskOfT;
                result = returnType!.TypeArguments[0];
                break;
            default:
                spc.ReportDiagnostic(Diagnostic.Create(Diagnostics.UnsupportedReturnType, location, display, method.ReturnType.ToDisplayString()));
                return null;
        }

        if (result is not null && checker.WhyNot(result, topLevelParameter: false) is { } resultProblem)
        {
            spc.ReportDiagnostic(Diagnostic.Create(Diagnostics.NotSerializable, location, display,
                $"its result type {result.ToDisplayString()}", resultProblem));
            ok = false;
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                spc.ReportDiagnostic(Diagnostic.Create(Diagnostics.ByRefParameter, parameter.Locations.FirstOrDefault() ?? location, display, parameter.Name));
                ok = false;
                continue;
            }

            if (checker.WhyNot(parameter.Type, topLevelParameter: true) is { } problem)
            {
                spc.ReportDiagnostic(Diagnostic.Create(Diagnostics.NotSerializable, parameter.Locations.FirstOrDefault() ?? location, display,
                    $"parameter '{parameter.Name}' of type {parameter.Type.ToDisplayString()}", problem));
                ok = false;
            }
        }

        return ok ? new MethodModel(declaring, method, index, kind, result) : null;
    }

    public void WriteProxyMethod(StringBuilder source, string requestName)
    {
        var parameters = string.Join(", ", _method.Parameters.Select(static p => $"{InterfaceModel.Display(p.Type)} {Escape(p.Name)}"));
        var assignments = string.Join(", ", _method.Parameters.Select(static (p, i) => $"Arg{i} = {Escape(p.Name)}"));
        var create = $"new {requestName} {{ {assignments} }}";
        // base.: a parameter may be named Runtime.
        var call = $"base.Runtime.Invoke(this, {create})";
        var body = _returnKind switch
        {
            ReturnKind.Task => call,
            ReturnKind.TaskOfT => $"(global::System.Threading.Tasks.Task<{ResultType}>){call}",
            ReturnKind.ValueTask => $"new global::System.Threading.Tasks.ValueTask({call})",
            _ => $"new global::System.Threading.Tasks.ValueTask<{ResultType}>((global::System.Threading.Tasks.Task<{ResultType}>){call})",
        };
        source.AppendLine($"        {InterfaceModel.Display(_method.ReturnType)} {InterfaceModel.Display(_declaring)}.{Escape(_method.Name)}({parameters})");
        source.AppendLine($"            => {body};");
    }

    public void WriteRequest(StringBuilder source, string requestName, string grainTypeName)
    {
        var flags = new List<string>();
        if (HasAttribute("AlwaysInterleaveAttribute"))
        {
            flags.Add("global::Reroute.Runtime.GrainMethodFlags.AlwaysInterleave");
        }

        if (HasAttribute("ReadOnlyAttribute"))
        {
            flags.Add("global::Reroute.Runtime.GrainMethodFlags.ReadOnly");
        }

        var flagText = flags.Count == 0 ? "global::Reroute.Runtime.GrainMethodFlags.None" : string.Join(" | ", flags);
        var timeout = TimeoutText();
        source.AppendLine("    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        source.AppendLine($"    internal sealed class {requestName} : global::Reroute.Runtime.GrainRequest<{ResultType}>");
        source.AppendLine("    {");
        source.AppendLine($"        internal static readonly global::Reroute.Runtime.GrainMethod MethodInfo = new(\"{grainTypeName}\", \"{_method.Name}\", \"{Id}\", {flagText}, {timeout});");
        for (var i = 0; i < _method.Parameters.Length; i++)
        {
            var parameter = _method.Parameters[i];
            if (SerializabilityChecker.IsCancellationToken(parameter.Type))
            {
                source.AppendLine("        [global::System.Text.Json.Serialization.JsonIgnore]");
            }

            source.AppendLine($"        public {InterfaceModel.Display(parameter.Type)} Arg{i} {{ get; set; }}");
        }

        source.AppendLine("        [global::System.Text.Json.Serialization.JsonIgnore]");
        source.AppendLine("        public override global::Reroute.Runtime.GrainMethod Method => MethodInfo;");
        source.AppendLine("        [global::System.Text.Json.Serialization.JsonIgnore]");
        source.AppendLine($"        public override int ArgumentCount => {_method.Parameters.Length};");
        var cases = string.Concat(_method.Parameters.Select(static (_, i) => $"{i} => Arg{i}, "));
        source.AppendLine($"        public override object? GetArgument(int index) => index switch {{ {cases}_ => throw new global::System.ArgumentOutOfRangeException(nameof(index)) }};");
        var args = string.Join(", ", _method.Parameters.Select(static (_, i) => $"Arg{i}"));
        var invoke = $"(({InterfaceModel.Display(_declaring)})grain).{Escape(_method.Name)}({args})";
        if (_returnKind is ReturnKind.ValueTask or ReturnKind.ValueTaskOfT)
        {
            invoke += ".AsTask()";
        }

        source.AppendLine($"        public override global::System.Threading.Tasks.Task Invoke(object grain) => {invoke};");
        source.AppendLine("    }");
    }

    private bool HasAttribute(string name)
        => _method.GetAttributes().Any(a => a.AttributeClass?.Name == name && a.AttributeClass.ContainingNamespace?.ToDisplayString() == "Reroute.Runtime");

    private string TimeoutText()
    {
        var attribute = _method.GetAttributes().FirstOrDefault(static a => a.AttributeClass?.Name == "ResponseTimeoutAttribute");
        if (attribute?.ConstructorArguments.FirstOrDefault().Value is string text
            && System.TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span))
        {
            return $"global::System.TimeSpan.FromTicks({span.Ticks.ToString(CultureInfo.InvariantCulture)})";
        }

        return "null";
    }

    private static string Escape(string name) => Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;
}
