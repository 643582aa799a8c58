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
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flowstate.CodeFixes;

/// <summary>
/// FLOW1010, a state with neither Next nor End: end the scope there (<c>End = true</c>), or, when
/// another state is declared right after it in the same scope, go to that state
/// (<c>Next = typeof(ThatState)</c>) — declaration order is the order people read a workflow in.
/// An explicit <c>End = false</c> is replaced rather than contradicted.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MissingNextOrEndCodeFix)), Shared]
public sealed class MissingNextOrEndCodeFix : CodeFixProvider
{
    public const string EndKey = DiagnosticIds.MissingNextOrEnd + ".End";
    public const string NextKey = DiagnosticIds.MissingNextOrEnd + ".NextDeclared";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.MissingNextOrEnd);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        var diagnostic = context.Diagnostics[0];
        var node = root.FindNode(context.Span, getInnermostNodeForTie: true);
        var state = FlowstateClass.StateFor(node, model, context.CancellationToken);
        if (state?.StateAttribute is not { } stateAttribute) return;
        var attribute = stateAttribute.Syntax;
        var endFalse = AttributeEdits.NamedArgument(attribute, "End");

        context.RegisterCodeFix(
            CodeAction.Create(
                (endFalse is null ? "Add End = true" : "Set End = true") + $" (end {EndedScope(state, model, context.CancellationToken)} here)",
                ct => DocumentEdits.ReplaceAsync(context.Document, attribute, SetEnd(attribute, endFalse), ct),
                EndKey),
            diagnostic);

        if (NextDeclaredState(state, model, context.CancellationToken) is { } next)
        {
            var edited = endFalse is null ? attribute : AttributeEdits.RemoveArguments(attribute, new[] { endFalse });
            edited = AttributeEdits.AddArgument(edited, AttributeEdits.NamedArgumentSyntax("Next", "typeof(" + next + ")"));
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Go to {next}: add Next = typeof({next})",
                    ct => DocumentEdits.ReplaceAsync(context.Document, attribute, edited, ct),
                    NextKey),
                diagnostic);
        }
    }

    private static AttributeSyntax SetEnd(AttributeSyntax attribute, AttributeArgumentSyntax? existing)
    {
        if (existing is null) return AttributeEdits.AddArgument(attribute, AttributeEdits.NamedArgumentSyntax("End", "true"));
        var replacement = AttributeEdits.NamedArgumentSyntax("End", "true").WithTriviaFrom(existing);
        return attribute.ReplaceNode(existing, replacement);
    }

    /// <summary>
    /// The class name of the state declared right after this one in the same scope, or null when the
    /// next member is not a state (a branch, a helper class) or there is none.
    /// </summary>
    private static string? NextDeclaredState(FlowstateClass state, SemanticModel model, CancellationToken cancellationToken)
    {
        if (state.Declaration.Parent is not TypeDeclarationSyntax scope) return null;
        var members = scope.Members;
        var index = members.IndexOf(state.Declaration);
        for (var i = index + 1; i < members.Count; i++)
        {
            if (members[i] is not TypeDeclarationSyntax sibling) continue;
            var candidate = FlowstateClass.Create(sibling, model, cancellationToken);
            if (candidate?.StateAttribute is null || candidate.Symbol.IsGenericType) return null;
            return candidate.Symbol.Name;
        }
        return null;
    }

    /// <summary>What End = true ends, in the words of the scope the state is declared in.</summary>
    private static string EndedScope(FlowstateClass state, SemanticModel model, CancellationToken cancellationToken)
    {
        if (state.Declaration.Parent is TypeDeclarationSyntax parent && FlowstateClass.Create(parent, model, cancellationToken) is { } scope)
        {
            if (scope.OfRole(AttributeRole.StateMachine).Any()) return "the execution";
            if (scope.OfRole(AttributeRole.Branch).Any()) return "the branch";
            if (scope.StateAttribute is not null) return "the Map iteration";
        }
        return "the scope";
    }
}
