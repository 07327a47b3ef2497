using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Reroute.Runtime.CodeGen;

namespace Reroute.Runtime.Tests;

/// <summary>Runs the proxy generator on source text, as the build does, and reads its diagnostics.</summary>
public sealed class GeneratorTests
{
    [Fact]
    public void A_delegate_parameter_is_rejected_at_build_naming_the_method_and_parameter()
    {
        var diagnostics = Generate("""
            public interface IScheduler : Reroute.Runtime.IGrainWithStringKey
            {
                System.Threading.Tasks.Task Run(System.Func<int> work);
            }
            """);

        var error = Assert.Single(diagnostics, static d => d.Id == "REROUTE002");
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("IScheduler.Run", error.GetMessage());
        Assert.Contains("parameter 'work'", error.GetMessage());
        Assert.Contains("delegate", error.GetMessage());
    }

    [Fact]
    public void A_result_type_holding_an_unserializable_property_is_rejected()
    {
        var diagnostics = Generate("""
            public sealed class Report { public System.IO.Stream Body { get; set; } = null!; }
            public interface IReports : Reroute.Runtime.IGrainWithStringKey
            {
                System.Threading.Tasks.Task<Report> Latest();
            }
            """);

        var error = Assert.Single(diagnostics, static d => d.Id == "REROUTE002");
        Assert.Contains("IReports.Latest", error.GetMessage());
        Assert.Contains("property Body", error.GetMessage());
    }

    [Theory]
    [InlineData("int Count();", "REROUTE001")]
    [InlineData("System.Threading.Tasks.Task Change(ref int value);", "REROUTE004")]
    [InlineData("System.Threading.Tasks.Task<T> Get<T>();", "REROUTE003")]
    [InlineData("System.Threading.Tasks.Task Take(object anything);", "REROUTE002")]
    [InlineData("System.Threading.Tasks.Task Take(System.IDisposable thing);", "REROUTE002")]
    [InlineData("int Value { get; }", "REROUTE005")]
    public void Grain_interface_shapes_the_runtime_cannot_carry_are_errors(string member, string expected)
    {
        var diagnostics = Generate($$"""
            public interface IOdd : Reroute.Runtime.IGrainWithStringKey
            {
                {{member}}
            }
            """);

        Assert.Contains(diagnostics, d => d.Id == expected && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Records_collections_grain_references_and_cancellation_tokens_are_accepted()
    {
        var diagnostics = Generate("""
            public sealed record Slot(string ProviderId, System.DateTimeOffset Start, System.TimeSpan Length, int? Room);
            public enum Status { Booked, Cancelled }
            public interface IOther : Reroute.Runtime.IGrainWithStringKey { System.Threading.Tasks.Task Ping(); }
            public interface IFine : Reroute.Runtime.IGrainWithStringKey
            {
                System.Threading.Tasks.Task<System.Collections.Generic.IReadOnlyList<Slot>> Slots(System.Collections.Generic.Dictionary<string, Status> filter, System.Threading.CancellationToken token);
                System.Threading.Tasks.ValueTask<Slot?> First(IOther other, System.Guid id, byte[] blob);
            }
            """);

        Assert.Empty(diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void An_interface_extending_IRemindable_and_a_parameter_named_Runtime_compile()
    {
        var diagnostics = Generate("""
            public interface IAlarm : Reroute.Runtime.IGrainWithStringKey, Reroute.Runtime.IRemindable
            {
                System.Threading.Tasks.Task Arm(string Runtime, int @event);
            }
            """);

        Assert.Empty(diagnostics);
    }

    private static ImmutableArray<Diagnostic> Generate(string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(static path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(IGrain).Assembly.Location));
        var compilation = CSharpCompilation.Create(
            "GeneratorProbe",
            [CSharpSyntaxTree.ParseText(source)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(new GrainProxyGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var compileErrors = output.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("REROUTE", StringComparison.Ordinal));
        Assert.True(generatorDiagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error) || !compileErrors.Any(),
            "generated code must compile: " + string.Join("; ", compileErrors));
        return generatorDiagnostics;
    }
}
