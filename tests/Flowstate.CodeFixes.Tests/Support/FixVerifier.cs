using Flowstate.Generator.Analyzers;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Flowstate.CodeFixes.Tests.Support;

/// <summary>
/// A code fix test: the source (marked up with {|FLOWnnnn:...|}) must produce exactly the marked
/// diagnostics of the shipped StateMachineAnalyzer; the fix is applied (one at a time, and as Fix All) and the result must equal the
/// expected source, compile without errors against .NET 8 and Flowstate, and be free of the ids
/// under test.
/// </summary>
public sealed class FixTest<TFix> : CSharpCodeFixTest<EmptyDiagnosticAnalyzer, TFix, DefaultVerifier>
    where TFix : CodeFixProvider, new()
{
    private readonly string[] _ids;

    public FixTest(string source, string fixedSource, params string[] ids)
    {
        _ids = ids;
        TestCode = source;
        FixedCode = fixedSource;
        ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
        TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Flowstate.StateMachineAttribute).Assembly.Location));
    }

    protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.CSharp12, DocumentationMode.Diagnose);

    /// <summary>
    /// The shipped analyzer, with every other id switched off so each test sees only the diagnostics
    /// of the fix under test. FLOW0001 (an analyzer crash) stays on: no test may produce it.
    /// </summary>
    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => new[] { new StateMachineAnalyzer() };

    protected override CompilationOptions CreateCompilationOptions()
    {
        var options = base.CreateCompilationOptions();
        var off = new StateMachineAnalyzer().SupportedDiagnostics
            .Where(d => !_ids.Contains(d.Id) && d.Id != DiagnosticIds.InternalError)
            .Select(d => new KeyValuePair<string, ReportDiagnostic>(d.Id, ReportDiagnostic.Suppress));
        return options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItems(off));
    }

    /// <summary>Applies the fix offered first and checks the result.</summary>
    public static Task VerifyAsync(string id, string source, string fixedSource)
        => new FixTest<TFix>(source, fixedSource, id).RunAsync();

    /// <summary>Applies the fix with <paramref name="equivalenceKey"/> and checks the result.</summary>
    public static Task VerifyAsync(string id, string equivalenceKey, string source, string fixedSource)
        => new FixTest<TFix>(source, fixedSource, id) { CodeActionEquivalenceKey = equivalenceKey }.RunAsync();

    /// <summary>Checks that no fix is offered: the source must come back unchanged.</summary>
    public static Task VerifyNoFixAsync(string id, string source)
        => new FixTest<TFix>(source, source, id).RunAsync();
}
