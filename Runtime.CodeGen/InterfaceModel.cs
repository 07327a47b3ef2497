using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Reroute.Runtime.CodeGen;

/// <summary>One grain interface, checked and ready to write as a proxy, its request classes and its registration.</summary>
internal sealed class InterfaceModel
{
    private static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly INamedTypeSymbol _symbol;
    private readonly List<MethodModel> _methods;
    private readonly string _baseName;

    private InterfaceModel(INamedTypeSymbol symbol, List<MethodModel> methods)
    {
        _symbol = symbol;
        _methods = methods;
        _baseName = GrainProxyGenerator.Sanitize(symbol.ToDisplayString());
    }

    private string TypeName => _symbol.ToDisplayString(FullyQualified);

    private string GrainTypeName => _symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty);

    public static InterfaceModel? Create(INamedTypeSymbol symbol, SerializabilityChecker checker, SourceProductionContext spc)
    {
        var location = symbol.Locations.FirstOrDefault();
        if (symbol.IsGenericType)
        {
            spc.ReportDiagnostic(Diagnostic.Create(Diagnostics.Generic, location, symbol.ToDisplayString()));
            return null;
        }

        var ok = true;
        var methods = new List<MethodModel>();
        // Runtime marker interfaces (IGrain, IGrainWithStringKey) declare nothing; runtime interfaces with methods
        // (IRemindable) are implemented by the proxy like any other base interface.
        var sources = new[] { symbol }.Concat(symbol.AllInterfaces.Where(static i => i.ContainingNamespace?.ToDisplayString() != "Reroute.Runtime" || i.GetMembers().OfType<IMethodSymbol>().Any()));
        foreach (var declaring in sources)
        {
            foreach (var member in declaring.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method)
                {
                    var model = MethodModel.Create(declaring, method, methods.Count, checker, spc);
                    if (model is null)
                    {
                        ok = false;
                    }
                    else
                    {
                        methods.Add(model);
                    }
                }
                else if (member is IPropertySymbol or IEventSymbol)
                {
                    spc.ReportDiagnostic(Diagnostic.Create(Diagnostics.NotAMethod, member.Locations.FirstOrDefault() ?? location,
                        declaring.Name, member.Name));
                    ok = false;
                }
            }
        }

        // Overloads get the index of their position so method ids stay unique and stable for one declaration order.
        foreach (var group in methods.GroupBy(static m => m.Name).Where(static g => g.Count() > 1))
        {
            var n = 0;
            foreach (var method in group)
            {
                method.Id = $"{method.Name}`{n++}";
            }
        }

        return ok ? new InterfaceModel(symbol, methods) : null;
    }

    public void Write(StringBuilder source)
    {
        var proxy = "Proxy_" + _baseName;
        source.AppendLine("    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        source.AppendLine($"    internal sealed class {proxy} : global::Reroute.Runtime.GrainReference, {TypeName}");
        source.AppendLine("    {");
        source.AppendLine($"        public {proxy}(global::Reroute.Runtime.IGrainCallRuntime runtime, global::Reroute.Runtime.GrainId grainId) : base(runtime, grainId) {{ }}");
        foreach (var method in _methods)
        {
            source.AppendLine();
            method.WriteProxyMethod(source, RequestName(method));
        }

        source.AppendLine("    }");
        foreach (var method in _methods)
        {
            source.AppendLine();
            method.WriteRequest(source, RequestName(method), GrainTypeName);
        }

        source.AppendLine();
    }

    public string Registration()
    {
        var builder = new StringBuilder();
        builder.AppendLine("            global::Reroute.Runtime.GrainInterfaceRegistry.Register(new global::Reroute.Runtime.GrainInterfaceDescriptor(");
        builder.AppendLine($"                typeof({TypeName}),");
        builder.AppendLine($"                static (runtime, id) => new Proxy_{_baseName}(runtime, id),");
        builder.AppendLine("                new global::Reroute.Runtime.GrainMethodDescriptor[]");
        builder.AppendLine("                {");
        foreach (var method in _methods)
        {
            var request = RequestName(method);
            builder.AppendLine($"                    new({request}.MethodInfo, typeof({request}), typeof({method.ResultTypeForDescriptor}), static () => new {request}()),");
        }

        builder.AppendLine("                }));");
        return builder.ToString();
    }

    private string RequestName(MethodModel method) => $"Request_{_baseName}_{method.Index}";

    internal static string Display(ITypeSymbol type) => type.ToDisplayString(FullyQualified);
}
