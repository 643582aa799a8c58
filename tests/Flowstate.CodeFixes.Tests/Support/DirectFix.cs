using System.Globalization;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Flowstate.CodeFixes.Tests.Support;

/// <summary>
/// Runs a code fix on a diagnostic built by hand (any span, any message arguments), without an
/// analyzer: for positions the test analyzer does not produce, such as a precise span inside a
/// JSON literal, and for robustness over arbitrary positions.
/// </summary>
internal static class DirectFix
{
    public static Document CreateDocument(AdhocWorkspace workspace, string source)
    {
        var project = workspace.AddProject("Test", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .WithParseOptions(new CSharpParseOptions(LanguageVersion.CSharp12))
            .AddMetadataReferences(References());
        return project.AddDocument("Test.cs", SourceText.From(source));
    }

    public static Diagnostic Diagnostic(Document document, string id, TextSpan span, params string[] args)
    {
        var descriptor = Descriptors.FindRule(id) ?? Descriptors.DeclarationRules.First(d => d.Id == id);
        var tree = document.GetSyntaxTreeAsync().Result!;
        return Microsoft.CodeAnalysis.Diagnostic.Create(descriptor, Location.Create(tree, span), args.Select(a => (object?)a).ToArray());
    }

    /// <summary>The code actions <paramref name="provider"/> offers for <paramref name="diagnostic"/>.</summary>
    public static async Task<IReadOnlyList<CodeAction>> ActionsAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
        return actions;
    }

    /// <summary>The text of the document once <paramref name="action"/> is applied.</summary>
    public static async Task<string> ApplyAsync(CodeAction action, Document document)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return (await solution.GetDocument(document.Id)!.GetTextAsync()).ToString();
    }

    /// <summary>The titles of the fixes offered for each diagnostic the shipped analyzer reports with <paramref name="id"/>, in source order.</summary>
    public static async Task<IReadOnlyList<string>> TitlesAsync(CodeFixProvider provider, string source, string id)
    {
        using var workspace = new AdhocWorkspace();
        var document = CreateDocument(workspace, source);
        var compilation = (await document.Project.GetCompilationAsync())!;
        var analyzer = new Flowstate.Generator.Analyzers.StateMachineAnalyzer();
        var diagnostics = await compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<DiagnosticAnalyzer>(analyzer)).GetAnalyzerDiagnosticsAsync();
        var titles = new List<string>();
        foreach (var diagnostic in diagnostics.Where(d => d.Id == id).OrderBy(d => d.Location.SourceSpan.Start))
            titles.AddRange((await ActionsAsync(provider, document, diagnostic)).Select(a => a.Title));
        return titles;
    }

    public static string Format(string id, params string[] args)
    {
        var descriptor = Descriptors.FindRule(id) ?? Descriptors.DeclarationRules.First(d => d.Id == id);
        return string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), args);
    }

    private static IEnumerable<MetadataReference> References()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return trusted.Where(p => Path.GetDirectoryName(p) == framework)
            .Append(typeof(StateMachineAttribute).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
    }
}
