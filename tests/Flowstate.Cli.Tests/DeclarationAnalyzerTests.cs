extern alias analyzer;

using System.Collections.Immutable;
using Flowstate.Cli.Tests.Support;
using analyzer::Flowstate.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flowstate.Cli.Tests;

/// <summary>
/// Imported C# is clean C#: the declaration analyzer (FLOW0002-0009: misplaced attributes, typeof
/// targets that are not states, invalid JSON text or conditions, keys given twice) has nothing to say
/// about it, even for wrong definitions (their problems are the model validators' to report).
/// </summary>
public class DeclarationAnalyzerTests
{
    private static async Task<string> DeclarationDiagnostics(IEnumerable<(string Path, string Source)> sources)
    {
        var compilation = CSharpCompiler.Compile(sources);
        // The shipped analyzer, keeping only the declaration ids (FLOW0xxx); the model rules are other tests' concern.
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new StateMachineAnalyzer())).GetAnalyzerDiagnosticsAsync();
        return string.Join("\n", diagnostics.Where(d => d.Id.StartsWith("FLOW0", StringComparison.Ordinal)).Select(d => d.ToString()));
    }

    [Fact]
    public async Task Harness_ReportsAMisplacedDeclaration()
    {
        // The control: without it an analyzer that never runs would pass the tests below.
        const string source = """
            using Flowstate;
            [StateMachine("m")] public partial class M { [Succeed] public class A; [Pass(Next = typeof(string))] public class B; }
            """;
        Assert.Contains("FLOW0004", await DeclarationDiagnostics(new[] { ("M.cs", source) }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corpus_Imported_NoDeclarationDiagnostics()
        => Assert.Equal("", await DeclarationDiagnostics(Corpus.Imported.Where(m => m.Source is not null).Select(m => (m.ClassName + ".cs", m.Source!))));

    [Theory]
    [MemberData(nameof(DslWriterBaselineTests.Cases), MemberType = typeof(DslWriterBaselineTests))]
    public async Task Case_Imported_NoDeclarationDiagnostics(string caseName)
    {
        var result = DslWriterBaselineTests.Import(caseName);
        Assert.Equal("", await DeclarationDiagnostics(new[] { (caseName + ".cs", result.Source!) }));
    }

    [Fact]
    public async Task RandomDefinitions_Imported_NoDeclarationDiagnostics()
        => Assert.Equal("", await DeclarationDiagnostics(RandomDefinitionTests.Imports().Where(i => i.Result.Success).Select(i => ($"Random{i.Seed}.cs", i.Result.Source!))));
}
