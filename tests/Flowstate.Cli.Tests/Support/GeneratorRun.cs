extern alias analyzer;

using System.Collections.Immutable;
using analyzer::Flowstate.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flowstate.Cli.Tests.Support;

/// <summary>Imported C# compiled in one compilation with Flowstate's generator, as a user's project would build it.</summary>
internal sealed class GeneratorRun
{
    private GeneratorRun(Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics, GeneratorRunResult result)
    {
        Output = output;
        GeneratorDiagnostics = generatorDiagnostics;
        Result = result;
    }

    public Compilation Output { get; }
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    /// <summary>Machines the generator read from syntax (the fast path) in this run.</summary>
    public int MachinesReadFromSyntax { get; private init; }

    /// <summary>Why machines not read from syntax were bound instead.</summary>
    public IReadOnlyList<string> Fallbacks { get; private init; } = Array.Empty<string>();

    /// <summary>Every generated file, by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources => Output.SyntaxTrees
        .Where(t => t.FilePath.Contains("FlowstateGenerator", StringComparison.Ordinal))
        .ToDictionary(t => Path.GetFileName(t.FilePath), t => t.GetText().ToString(), StringComparer.Ordinal);

    /// <summary>The generator's run, its steps tracked (<see cref="TrackingNames"/>).</summary>
    public GeneratorRunResult Result { get; }

    public static GeneratorRun Run(IEnumerable<(string Path, string Source)> sources) => Run(sources, syntaxReader: true);

    /// <summary>As <see cref="Run(IEnumerable{ValueTuple{string, string}})"/>; <paramref name="syntaxReader"/> false makes the generator bind every attribute (the reference the syntax reader must agree with).</summary>
    public static GeneratorRun Run(IEnumerable<(string Path, string Source)> sources, bool syntaxReader)
    {
        var compilation = CSharpCompiler.Compile(sources);
        var fallbacks = new List<string>();
        analyzer::Flowstate.Generator.Parsing.SyntaxAttributeReader.FallbacksOnThisThread = fallbacks;
        var before = analyzer::Flowstate.Generator.Parsing.SyntaxAttributeReader.MachinesReadOnThisThread;
        analyzer::Flowstate.Generator.Parsing.SyntaxAttributeReader.TestModeOnThisThread = syntaxReader
            ? analyzer::Flowstate.Generator.Parsing.SyntaxAttributeReader.TestMode.SyntaxWithoutMemo
            : analyzer::Flowstate.Generator.Parsing.SyntaxAttributeReader.TestMode.BoundWithoutMemo;
        try
        {
            GeneratorDriver driver = CSharpGeneratorDriver.Create(
                new[] { new FlowstateGenerator().AsSourceGenerator() },
                parseOptions: CSharpCompiler.ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
            return new GeneratorRun(output, diagnostics, driver.GetRunResult().Results.Single())
            {
                MachinesReadFromSyntax = analyzer::Flowstate.Generator.Parsing.SyntaxAttributeReader.MachinesReadOnThisThread - before,
                Fallbacks = fallbacks,
            };
        }
        finally
        {
            analyzer::Flowstate.Generator.Parsing.SyntaxAttributeReader.TestModeOnThisThread = default;
            analyzer::Flowstate.Generator.Parsing.SyntaxAttributeReader.FallbacksOnThisThread = null;
        }
    }

    /// <summary>
    /// The stack templates as the generator wrote them (TemplateWriter.Write), from its StackTemplates step.
    /// By reflection: the step's record is the generator's internal type.
    /// </summary>
    public IReadOnlyList<string> WrittenTemplates()
    {
        var value = Result.TrackedSteps[TrackingNames.StackTemplates].Single().Outputs.Single().Value;
        var stacks = (System.Collections.IEnumerable)value.GetType().GetProperty("Stacks")!.GetValue(value)!;
        return stacks.Cast<object>().Select(s => (string)s.GetType().GetProperty("Json")!.GetValue(s)!).ToList();
    }

    /// <summary>The text of a generated file.</summary>
    public string Source(string hintName) => Result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    /// <summary>FlowstateManifest.Stacks of the compiled program, loaded in a collectible context: the templates as a deploy reads them.</summary>
    public IReadOnlyList<Flowstate.StackDefinition> LoadStacks()
    {
        using var stream = new MemoryStream();
        var emit = Output.Emit(stream);
        if (!emit.Success)
            throw new InvalidOperationException("emit failed: " + string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        var context = new System.Runtime.Loader.AssemblyLoadContext("flowstate-cli-test-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        var manifest = context.LoadFromStream(stream).GetType("Flowstate.Generated.FlowstateManifest", throwOnError: true)!;
        return (IReadOnlyList<Flowstate.StackDefinition>)manifest.GetProperty("Stacks")!.GetValue(null)!;
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
