using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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

namespace Flowstate.CodeFixes;

/// <summary>
/// States.ALL, which matches every error, must stand alone and come last:
/// FLOW2001 (listed with other errors): remove the others — States.ALL already matches them, so
/// what the retrier or catcher handles does not change;
/// FLOW2002 (not the last retrier/catcher): move that [Retry] or [Catch] after the others of its
/// kind, the order Step Functions requires (the ones after it could never match).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StatesAllCodeFix)), Shared]
public sealed class StatesAllCodeFix : CodeFixProvider
{
    public const string KeepOnlyAllKey = DiagnosticIds.StatesAllNotAlone + ".KeepOnlyStatesAll";
    public const string MoveLastKey = DiagnosticIds.StatesAllNotLast + ".MoveLast";
    private const string StatesAll = "States.ALL";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.StatesAllNotAlone, DiagnosticIds.StatesAllNotLast);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        var node = root.FindNode(context.Span, getInnermostNodeForTie: true);
        var state = FlowstateClass.StateAround(node, model, context.CancellationToken);
        var target = state?.AttributeAround(node);
        if (state is null || target is null || target.Role is not (AttributeRole.Retry or AttributeRole.Catch)) return;
        var kind = target.Role == AttributeRole.Retry ? "Retry" : "Catch";

        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id == DiagnosticIds.StatesAllNotAlone)
            {
                if (ErrorList.Read(target, model, context.CancellationToken) is not { } errors) continue;
                var others = errors.Errors.Where(e => e.Name != StatesAll).Select(e => e.Expression).ToList();
                if (others.Count == 0 || others.Count == errors.Errors.Count) continue;
                var fixedAttribute = errors.Remove(others);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Keep only States.ALL in this [{kind}] (it already matches the other errors)",
                        ct => DocumentEdits.ReplaceAsync(context.Document, target.Syntax, fixedAttribute, ct),
                        KeepOnlyAllKey),
                    diagnostic);
            }
            else if (MoveLast(state, target) is { } moved)
            {
                var plural = target.Role == AttributeRole.Retry ? "retriers" : "catchers";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Move this [{kind}] after the other {plural}",
                        ct => DocumentEdits.ReplaceAsync(context.Document, state.Declaration, moved, ct),
                        MoveLastKey),
                    diagnostic);
            }
        }
    }

    /// <summary>The class with <paramref name="target"/> moved right after the last attribute of its kind; null when it is already last.</summary>
    private static TypeDeclarationSyntax? MoveLast(FlowstateClass state, FlowstateAttribute target)
    {
        var last = state.OfRole(target.Role).Last();
        if (last == target) return null;
        var declaration = state.Declaration;
        var lists = declaration.AttributeLists;

        if (target.List == last.List)
        {
            // Both in one list ([Retry(a), Retry(b)]): reorder inside it.
            var list = target.List;
            var order = list.Attributes.ToList();
            order.Remove(target.Syntax);
            order.Insert(order.IndexOf(last.Syntax) + 1, target.Syntax);
            return declaration.ReplaceNode(list, list.WithAttributes(Permute(list.Attributes, order)));
        }

        if (target.List.Attributes.Count == 1)
        {
            // The usual layout, one attribute per list: move the whole list.
            var order = lists.ToList();
            order.Remove(target.List);
            order.Insert(order.IndexOf(last.List) + 1, target.List);
            return AttributeEdits.ReorderAttributeLists(declaration, order);
        }

        // The attribute shares its list with others: take it out and give it a list of its own.
        var source = target.List;
        var remaining = source.Attributes.Where(a => a != target.Syntax).ToList();
        var lastIndex = lists.IndexOf(last.List);
        var withoutTarget = declaration.ReplaceNode(source, source.WithAttributes(AttributeEdits.Rebuild(source.Attributes, remaining)));
        var ownList = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(target.Syntax.WithoutTrivia()));
        return AttributeEdits.InsertAttributeList(withoutTarget, lastIndex + 1, ownList);
    }

    /// <summary>The same elements in a new order; each position keeps its trivia and separator.</summary>
    private static SeparatedSyntaxList<T> Permute<T>(SeparatedSyntaxList<T> original, IReadOnlyList<T> order) where T : SyntaxNode
    {
        var items = new List<SyntaxNodeOrToken>();
        for (var i = 0; i < order.Count; i++)
        {
            items.Add(order[i].WithLeadingTrivia(original[i].GetLeadingTrivia()).WithTrailingTrivia(original[i].GetTrailingTrivia()));
            if (i < original.SeparatorCount) items.Add(original.GetSeparator(i));
        }
        return SyntaxFactory.SeparatedList<T>(items);
    }
}
