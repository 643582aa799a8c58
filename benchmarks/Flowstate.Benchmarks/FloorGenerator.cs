using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flowstate.Benchmarks;

/// <summary>
/// The floor under any attribute-driven generator: Roslyn finding the [StateMachine] classes with
/// ForAttributeWithMetadataName (which gives each match's symbol and binds the class's own
/// attributes) on a fresh compilation, and nothing else. Flowstate's generator starts the same way;
/// what it costs above this is Flowstate's own work (reading the states, ASL, graphs, C#, templates).
/// Part of that floor is the compiler's one-time work on a new compilation (the declaration table,
/// the source assembly, each file's usings), which a build pays anyway, in whichever step asks first.
/// </summary>
// Not marked [Generator]: it is only ever run in-process by the benchmarks, never loaded by a compiler.
public sealed class FloorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = context.SyntaxProvider.ForAttributeWithMetadataName(
            "Flowstate.StateMachineAttribute",
            static (node, _) => node is ClassDeclarationSyntax,
            static (syntax, _) => syntax.TargetSymbol.Name);
        context.RegisterSourceOutput(names.Collect(), static (spc, all) => spc.AddSource("Floor.g.cs", "// " + all.Length + " machines\n"));
    }

    /// <summary>A cold run of the floor generator over a fresh copy of the compilation; returns how many machines it found.</summary>
    public static int RunCold(CSharpCompilation compilation)
    {
        var driver = CSharpGeneratorDriver.Create(
            new[] { new FloorGenerator().AsSourceGenerator() },
            parseOptions: Workload.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
        var run = driver.RunGenerators(compilation.Clone()).GetRunResult();
        var text = run.GeneratedTrees.Single().GetText().ToString();
        return int.Parse(text.Substring(3, text.IndexOf(' ', 3) - 3), System.Globalization.CultureInfo.InvariantCulture);
    }
}
