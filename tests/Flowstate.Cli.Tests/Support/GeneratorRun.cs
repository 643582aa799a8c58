extern alias analyzer;

using System.Collections.Immutable;
using analyzer::Flowstate.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flowstate.Cli.Tests.Support;

/// <summary>Imported C# compiled in one compilation with Flowstate's generator, as a user's project would build it.</summary>
internal sealed class GeneratorRun
{
    private GeneratorRun(Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics)
    {
        Output = output;
        GeneratorDiagnostics = generatorDiagnostics;
    }

    public Compilation Output { get; }
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    public static GeneratorRun Run(IEnumerable<(string Path, string Source)> sources)
    {
        var compilation = CSharpCompiler.Compile(sources);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new FlowstateGenerator().AsSourceGenerator() },
            parseOptions: CSharpCompiler.ParseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(output, diagnostics);
    }

    /// <summary>The generated <c>AslJson</c> constant of the [StateMachine] class <paramref name="metadataName"/>, or null.</summary>
    public string? AslJson(string metadataName)
    {
        var type = Output.GetTypeByMetadataName(metadataName);
        var field = type?.GetMembers("AslJson").OfType<IFieldSymbol>().FirstOrDefault();
        return field is { HasConstantValue: true } ? field.ConstantValue as string : null;
    }

    /// <summary>Errors and warnings of the compilation after generation, one per line.</summary>
    public string Problems() => string.Join("\n", GeneratorDiagnostics.Concat(Output.GetDiagnostics())
        .Where(d => d.Severity >= DiagnosticSeverity.Warning)
        .Select(d => d.ToString()));
}
