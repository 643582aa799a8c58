using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
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
/// FLOW1002, a <c>*Name</c> transition to a state that does not exist, when the validator has a
/// suggestion (a state of the same scope whose name differs by case or a small typo):
/// <c>NextName = "Transfrom"</c> becomes <c>Next = typeof(Transform)</c> (and DefaultName becomes
/// Default) when that state is a class — rename-safe from then on — and otherwise the name is
/// corrected in place (a [RawState], [Catch(NextName = ...)], [StartAt("...")]).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TransitionTargetCodeFix)), Shared]
public sealed class TransitionTargetCodeFix : CodeFixProvider
{
    public const string Key = DiagnosticIds.TransitionTargetNotFound + ".UseSuggestion";

    private static readonly Regex DidYouMean = new(@"did you mean '([^']+)'\?$", RegexOptions.CultureInvariant);

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.TransitionTargetNotFound);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node.AncestorsAndSelf().OfType<ExpressionSyntax>().LastOrDefault(e => e.Parent is AttributeArgumentSyntax) is not LiteralExpressionSyntax literal
                || literal.Parent is not AttributeArgumentSyntax argument || argument.Parent?.Parent is not AttributeSyntax attribute)
                continue;
            var snapshot = await MachineSnapshot.CreateAsync(context.Document, node, context.CancellationToken).ConfigureAwait(false);
            if (snapshot?.Find(diagnostic) is not { MessageArgs.Count: >= 4 } info) continue;
            var match = DidYouMean.Match(info.MessageArgs[3]);
            if (!match.Success) continue;
            var suggestion = match.Groups[1].Value;

            var property = argument.NameEquals?.Name.Identifier.ValueText;
            var typeProperty = property is "NextName" or "DefaultName" ? property.Substring(0, property.Length - 4) : null;
            var owner = attribute.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault();
            var targetClass = typeProperty is not null && owner is not null && AttributeEdits.NamedArgument(attribute, typeProperty) is null
                              && HasSettableProperty(model.GetTypeInfo(attribute, context.CancellationToken).Type, typeProperty)
                ? StateClassNamed(owner, suggestion, model, context.CancellationToken)
                : null;

            if (targetClass is not null)
            {
                var replacement = AttributeEdits.NamedArgumentSyntax(typeProperty!, "typeof(" + targetClass + ")").WithTriviaFrom(argument);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Go to '{suggestion}': {typeProperty} = typeof({targetClass})",
                        ct => DocumentEdits.ReplaceAsync(context.Document, argument, replacement, ct),
                        Key),
                    diagnostic);
            }
            else
            {
                var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(suggestion)).WithTriviaFrom(literal);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Change '{literal.Token.ValueText}' to '{suggestion}'",
                        ct => DocumentEdits.ReplaceAsync(context.Document, literal, replacement, ct),
                        Key),
                    diagnostic);
            }
        }
    }

    /// <summary>[Catch] takes its typeof in the constructor only; Next there cannot be set by name.</summary>
    private static bool HasSettableProperty(ITypeSymbol? type, string name)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.GetMembers(name).OfType<IPropertySymbol>().Any(p => p.SetMethod is not null)) return true;
        return false;
    }

    /// <summary>
    /// The class (a sibling of the state's class, in the same scope) declaring the state named
    /// <paramref name="stateName"/>; null when that state has no class of its own.
    /// </summary>
    private static string? StateClassNamed(TypeDeclarationSyntax owner, string stateName, SemanticModel model, CancellationToken cancellationToken)
    {
        // A [When] sits on the Choice class, a state attribute on its own class: either way, the scope is the class around it.
        if (owner.Parent is not TypeDeclarationSyntax scope) return null;
        foreach (var member in scope.Members.OfType<TypeDeclarationSyntax>())
        {
            var candidate = FlowstateClass.Create(member, model, cancellationToken);
            if (candidate?.StateAttribute is not { } state || candidate.Symbol.IsGenericType) continue;
            var name = state.Data.NamedArguments.FirstOrDefault(n => n.Key == "Name").Value.Value as string ?? candidate.Symbol.Name;
            if (name == stateName) return candidate.Symbol.Name;
        }
        return null;
    }
}
