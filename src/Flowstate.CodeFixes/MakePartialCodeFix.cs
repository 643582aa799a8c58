using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flowstate.CodeFixes;

/// <summary>
/// FLOW0002, the state machine class (or a type around it) is not partial: make the machine and
/// every type around it partial, in every declaration of them (a type declared in two files gets
/// <c>partial</c> in both), in one step — the diagnostic is reported once per type, but the
/// generated code needs them all.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix : CodeFixProvider
{
    public const string Key = DiagnosticIds.MachineNotPartial + ".MakePartial";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.MachineNotPartial);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        var diagnostic = context.Diagnostics[0];
        var declaration = root.FindToken(context.Span.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        if (declaration is null || model.GetDeclaredSymbol(declaration, context.CancellationToken) is not INamedTypeSymbol reported) return;

        var machine = FindMachine(reported, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        if (machine is null) return;
        var types = new List<INamedTypeSymbol>();
        for (var t = machine; t is not null; t = t.ContainingType) types.Insert(0, t);
        var toChange = types.Where(t => t.DeclaringSyntaxReferences.Any(r => r.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax d && !IsPartial(d))).ToList();
        if (toChange.Count == 0) return;

        var names = string.Join(" and ", toChange.Select(t => "'" + t.Name + "'"));
        context.RegisterCodeFix(
            CodeAction.Create(
                $"Make {names} partial",
                ct => MakePartialAsync(context.Document.Project.Solution, toChange, ct),
                Key),
            diagnostic);
    }

    /// <summary>
    /// The [StateMachine] class the diagnostic is about: the reported type itself, or the machine
    /// nested in it whose message this is (a container may hold several machines).
    /// </summary>
    private static INamedTypeSymbol? FindMachine(INamedTypeSymbol reported, string message)
    {
        var candidates = new List<INamedTypeSymbol>();
        var pending = new Stack<INamedTypeSymbol>();
        pending.Push(reported);
        while (pending.Count > 0)
        {
            var type = pending.Pop();
            if (type.GetAttributes().Any(a => FlowstateSymbols.RoleOf(a) == AttributeRole.StateMachine)) candidates.Add(type);
            foreach (var nested in type.GetTypeMembers()) pending.Push(nested);
        }
        var format = Descriptors.MachineNotPartial.MessageFormat.ToString(CultureInfo.InvariantCulture);
        return candidates.FirstOrDefault(m => string.Format(CultureInfo.InvariantCulture, format, m.Name, reported.Name) == message)
               ?? (candidates.Count == 1 ? candidates[0] : null);
    }

    private static bool IsPartial(TypeDeclarationSyntax declaration) => declaration.Modifiers.Any(SyntaxKind.PartialKeyword);

    private static async Task<Solution> MakePartialAsync(Solution solution, IReadOnlyList<INamedTypeSymbol> types, CancellationToken cancellationToken)
    {
        var byTree = types.SelectMany(t => t.DeclaringSyntaxReferences).GroupBy(r => r.SyntaxTree);
        foreach (var group in byTree)
        {
            var document = solution.GetDocument(group.Key);
            if (document is null) continue;
            var root = await group.Key.GetRootAsync(cancellationToken).ConfigureAwait(false);
            var declarations = group.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().Where(d => !IsPartial(d)).ToList();
            root = root.ReplaceNodes(declarations, (_, current) => AddPartial((TypeDeclarationSyntax)current));
            solution = solution.WithDocumentSyntaxRoot(document.Id, root);
        }
        return solution;
    }

    /// <summary>Adds 'partial' right before the type keyword, where C# requires it.</summary>
    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        if (declaration.Modifiers.Count == 0)
        {
            var keyword = declaration.Keyword;
            var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return declaration.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial));
        }
        return declaration.WithModifiers(declaration.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
    }
}
