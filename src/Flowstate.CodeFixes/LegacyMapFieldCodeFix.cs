using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Flowstate.CodeFixes.Support;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flowstate.CodeFixes;

/// <summary>
/// FLOW6004, a legacy Map field: Step Functions renamed Iterator to ItemProcessor and a Map's
/// Parameters to ItemSelector, with the same meaning. Remove <c>UseIterator = true</c> (the nested
/// states are then written as ItemProcessor), or rename <c>Parameters</c> to <c>ItemSelector</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LegacyMapFieldCodeFix)), Shared]
public sealed class LegacyMapFieldCodeFix : CodeFixProvider
{
    public const string Key = DiagnosticIds.LegacyMapField + ".UseCurrentName";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.LegacyMapField);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var state = FlowstateClass.StateFor(node, model, context.CancellationToken);
            if (state?.StateAttribute is not { } stateAttribute) continue;
            var attribute = stateAttribute.Syntax;
            var argument = node.AncestorsAndSelf().OfType<AttributeArgumentSyntax>().FirstOrDefault();
            switch (argument?.NameEquals?.Name.Identifier.ValueText)
            {
                case "UseIterator":
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Write ItemProcessor instead of Iterator: remove UseIterator = true",
                            ct => DocumentEdits.ReplaceAsync(context.Document, attribute, AttributeEdits.RemoveArguments(attribute, new[] { argument }), ct),
                            Key),
                        diagnostic);
                    break;
                case "Parameters" when AttributeEdits.NamedArgument(attribute, "ItemSelector") is null:
                    var renamed = argument.WithNameEquals(argument.NameEquals!.WithName(
                        SyntaxFactory.IdentifierName(SyntaxFactory.Identifier("ItemSelector").WithTriviaFrom(argument.NameEquals.Name.Identifier))));
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Rename Parameters to ItemSelector",
                            ct => DocumentEdits.ReplaceAsync(context.Document, argument, renamed, ct),
                            Key),
                        diagnostic);
                    break;
            }
        }
    }
}
