using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Flowstate.CodeFixes.Support;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace Flowstate.CodeFixes;

/// <summary>
/// Error names of [Retry] and [Catch]:
/// FLOW2004, a misspelt States.* name the validator has a suggestion for ('States.TaskFailedId',
/// did you mean 'States.TaskFailed'?): use the suggested name;
/// FLOW2011, a name an earlier retrier or catcher already handles, so this entry never applies to
/// it: remove the name — a retrier left with no name at all is dead and goes; a catcher left with
/// none is kept (removing it could strand the state it leads to, which is the author's call).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ErrorNameCodeFix)), Shared]
public sealed class ErrorNameCodeFix : CodeFixProvider
{
    public const string UseSuggestionKey = DiagnosticIds.UnknownStatesError + ".UseSuggestion";
    public const string RemoveHandledKey = DiagnosticIds.ErrorAlreadyHandled + ".RemoveHandled";

    private static readonly Regex DidYouMean = new(@"did you mean '([^']+)'\?", RegexOptions.CultureInvariant);

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.UnknownStatesError, DiagnosticIds.ErrorAlreadyHandled);

    /// <summary>
    /// Fix All edits each attribute once with every name it must lose or change: applied one by one,
    /// removals from the same list would overlap, and a retrier losing its last name must go whole.
    /// </summary>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var edit = await PlanAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            if (edit is null) continue;
            var document = context.Document;
            context.RegisterCodeFix(CodeAction.Create(edit.Title, ct => ApplyAsync(document, new[] { edit }, ct), edit.Key), diagnostic);
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var edits = new List<Edit>();
        foreach (var diagnostic in diagnostics)
        {
            var edit = await PlanAsync(document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            if (edit is not null && edit.Key == context.CodeActionEquivalenceKey) edits.Add(edit);
        }
        return edits.Count == 0 ? null : await ApplyAsync(document, edits, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>One name to change (<see cref="Replacement"/>) or remove (null) in one attribute.</summary>
    private sealed record Edit(string Key, string Title, FlowstateClass State, FlowstateAttribute Target, ErrorList Errors, ExpressionSyntax Expression, ExpressionSyntax? Replacement);

    private static async Task<Edit?> PlanAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return null;
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var state = FlowstateClass.StateAround(node, model, cancellationToken);
        var target = state?.AttributeAround(node);
        if (state is null || target is null || target.Role is not (AttributeRole.Retry or AttributeRole.Catch)) return null;
        var snapshot = await MachineSnapshot.CreateAsync(document, node, cancellationToken).ConfigureAwait(false);
        if (snapshot?.Find(diagnostic) is not { MessageArgs.Count: >= 4 } info) return null;
        var error = info.MessageArgs[2];
        if (ErrorList.Read(target, model, cancellationToken) is not { } errors) return null;
        var expression = errors.Errors.FirstOrDefault(e => e.Name == error).Expression;
        if (expression is null) return null;
        var kind = target.Role == AttributeRole.Retry ? "Retry" : "Catch";

        if (diagnostic.Id == DiagnosticIds.UnknownStatesError)
        {
            var match = DidYouMean.Match(info.MessageArgs[3]);
            if (!match.Success) return null;
            var suggestion = match.Groups[1].Value;
            // A string literal stays a string literal (only the name changes); anything else becomes the constant.
            var replacement = (expression is LiteralExpressionSyntax
                ? SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(suggestion))
                : ErrorExpression(suggestion, model.Compilation)).WithTriviaFrom(expression);
            return new Edit(UseSuggestionKey, $"Change '{error}' to '{suggestion}'", state, target, errors, expression, replacement);
        }
        if (errors.Errors.Count > 1)
            return new Edit(RemoveHandledKey, $"Remove '{error}' from this [{kind}] ({info.MessageArgs[3]} already handles it)", state, target, errors, expression, null);
        if (target.Role == AttributeRole.Retry)
            return new Edit(RemoveHandledKey, $"Remove this [Retry] ({info.MessageArgs[3]} already handles '{error}')", state, target, errors, expression, null);
        return null;
    }

    private static async Task<Document> ApplyAsync(Document document, IReadOnlyList<Edit> edits, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var group in edits.GroupBy(e => e.Target.Syntax))
        {
            var first = group.First();
            var removed = new HashSet<ExpressionSyntax>(group.Where(e => e.Replacement is null).Select(e => e.Expression));
            if (removed.Count == first.Errors.Errors.Count)
            {
                // Every name is handled earlier: the retrier can never apply (a catcher is never planned this far).
                if (first.Target.Role != AttributeRole.Retry) continue;
                var doomed = new SyntaxAnnotation();
                editor.ReplaceNode(first.Target.Syntax, first.Target.Syntax.WithAdditionalAnnotations(doomed));
                editor.ReplaceNode(first.State.Declaration, (current, _) =>
                {
                    var type = (TypeDeclarationSyntax)current;
                    return type.GetAnnotatedNodes(doomed).FirstOrDefault() is AttributeSyntax attribute ? AttributeEdits.RemoveAttribute(type, attribute) : type;
                });
                continue;
            }
            // One equivalence key per Fix All: an attribute either changes names or loses some, never both at once.
            var replacements = group.Where(e => e.Replacement is not null).GroupBy(e => e.Expression).ToDictionary(g => g.Key, g => g.First().Replacement!);
            var edited = replacements.Count > 0
                ? first.Target.Syntax.ReplaceNodes(replacements.Keys, (original, _) => replacements[original])
                : first.Errors.Remove(removed);
            editor.ReplaceNode(first.Target.Syntax, edited);
        }
        return editor.GetChangedDocument();
    }

    /// <summary>The StatesErrors constant for <paramref name="name"/> (shortened where 'using Flowstate;' is in scope), else a string literal.</summary>
    private static ExpressionSyntax ErrorExpression(string name, Compilation compilation)
    {
        var constants = compilation.GetTypeByMetadataName("Flowstate.StatesErrors");
        var field = constants?.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.IsConst && f.ConstantValue is string s && s == name);
        if (field is null) return SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name));
        return SyntaxFactory.ParseExpression("global::Flowstate.StatesErrors." + field.Name).WithAdditionalAnnotations(Simplifier.Annotation);
    }
}
