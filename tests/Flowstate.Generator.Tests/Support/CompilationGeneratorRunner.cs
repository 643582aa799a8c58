using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flowstate.Generator.Tests.Support;

/// <summary>Runs <see cref="FlowstateGenerator"/> over in-memory compilations, and loads what it produced.</summary>
internal static class CompilationGeneratorRunner
{
    public sealed record Run(GeneratorDriver Driver, GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> Diagnostics)
    {
        /// <summary>The generated files by hint name, in hint-name order.</summary>
        public IReadOnlyList<(string HintName, string Text)> Sources
            => Result.Results.Single().GeneratedSources
                .Select(s => (s.HintName, s.SourceText.ToString()))
                .OrderBy(s => s.HintName, StringComparer.Ordinal)
                .ToList();

        public string Source(string hintName) => Sources.Single(s => s.HintName == hintName).Text;

        public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Results.Single().Diagnostics;

        public Exception? GeneratorException => Result.Results.Single().Exception;
    }

    public static GeneratorDriver CreateDriver(CSharpParseOptions? parseOptions = null)
        => CSharpGeneratorDriver.Create(
            new[] { new FlowstateGenerator().AsSourceGenerator() },
            parseOptions: parseOptions ?? CompilationFactory.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static Run Execute(Compilation compilation, GeneratorDriver? driver = null)
    {
        driver ??= CreateDriver(compilation.SyntaxTrees.FirstOrDefault()?.Options as CSharpParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new Run(driver, driver.GetRunResult(), output, diagnostics);
    }

    public static Run Execute(params string[] sources) => Execute(CompilationFactory.Create(sources));

    /// <summary>Emits <paramref name="compilation"/> and loads it in a collectible context (Flowstate.dll is shared with the tests).</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        if (!emit.Success)
            throw new InvalidOperationException("emit failed: " + string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        var context = new AssemblyLoadContext("flowstate-test-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return context.LoadFromStream(stream);
    }

    /// <summary>The generated Definition of a [StateMachine] type of a loaded assembly.</summary>
    public static Flowstate.StateMachineDefinition Definition(Assembly assembly, string typeName)
    {
        var type = assembly.GetType(typeName, throwOnError: true)!;
        var property = type.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static)!;
        return (Flowstate.StateMachineDefinition)property.GetValue(null)!;
    }

    /// <summary>Flowstate.Generated.FlowstateManifest.StateMachines of a loaded assembly.</summary>
    public static IReadOnlyList<Flowstate.StateMachineDefinition> Manifest(Assembly assembly)
    {
        var type = assembly.GetType("Flowstate.Generated.FlowstateManifest", throwOnError: true)!;
        return (IReadOnlyList<Flowstate.StateMachineDefinition>)type.GetProperty("StateMachines", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }

    /// <summary>Flowstate.Generated.FlowstateManifest.Stacks of a loaded assembly.</summary>
    public static IReadOnlyList<Flowstate.StackDefinition> Stacks(Assembly assembly)
    {
        var type = assembly.GetType("Flowstate.Generated.FlowstateManifest", throwOnError: true)!;
        return (IReadOnlyList<Flowstate.StackDefinition>)type.GetProperty("Stacks", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }
}
