using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Flowstate.Core.Syntax;
using Flowstate.CodeFixes.Support;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flowstate.CodeFixes;

/// <summary>
/// JSONPath typos in a payload template, fixed inside the JSON text of the string literal (regular,
/// verbatim or raw: the literal keeps its kind and every other character):
/// FLOW3009, a key without '.$' whose value is a path (<c>"id": "$.order.id"</c>): rename the key
/// to <c>"id.$"</c> so the value is selected rather than passed as text;
/// FLOW3004, a '.$' key whose value is a path without its '$' (<c>"id.$": "order.id"</c>): write
/// <c>"$.order.id"</c>. Offered only when the value is a plain member chain (names, '.', [n]) and
/// its first name is not a context object field (<c>Execution.Id</c> may mean <c>$$.Execution.Id</c>);
/// other values may be meant as text or as an intrinsic function, which only the author knows.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PayloadPathCodeFix)), Shared]
public sealed class PayloadPathCodeFix : CodeFixProvider
{
    public const string AddSuffixKey = DiagnosticIds.PathWithoutDollarKey + ".AddDollarSuffix";
    public const string AddDollarKey = DiagnosticIds.DollarKeyNotPath + ".AddDollar";

    private static readonly Regex MemberChain = new(@"^(\.?[A-Za-z_][A-Za-z0-9_]*|\[[0-9]+\])(\.[A-Za-z_][A-Za-z0-9_]*|\[[0-9]+\])*$", RegexOptions.CultureInvariant);

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.PathWithoutDollarKey, DiagnosticIds.DollarKeyNotPath);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var snapshot = await MachineSnapshot.CreateAsync(context.Document, node, context.CancellationToken).ConfigureAwait(false);
            // The key and the value come from the validator's own finding ('{0}' and '{3}' of both messages).
            if (snapshot?.Find(diagnostic) is not { MessageArgs.Count: >= 4 } info) continue;
            var key = info.MessageArgs[0];
            var shownValue = info.MessageArgs[3];
            var isSuffixFix = diagnostic.Id == DiagnosticIds.PathWithoutDollarKey;

            foreach (var literal in CandidateLiterals(node))
            {
                var json = JsonLiteral.Read(literal);
                if (json is null) continue;
                var member = json.Members().FirstOrDefault(m => m.Property.Name == key && m.Property.Value.IsString && Shows(shownValue, m.Property.Value.Text!));
                if (member.Owner is null) continue;
                var property = member.Property;
                var text = property.Value.Text!;
                if (isSuffixFix)
                {
                    // Renaming would collide with a key that already has the '.$' form (FLOW3010).
                    if (member.Owner.Properties.Any(p => p.Name == key + ".$")) break;
                    var change = json.InsertBefore(property.NameOffset + property.NameLength - 1, ".$");
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Rename '{key}' to '{key}.$' to select {Short(text)}",
                            ct => DocumentEdits.ChangeTextAsync(context.Document, new[] { change }, ct),
                            AddSuffixKey),
                        diagnostic);
                }
                else if (MissingDollar(text) is { } prefix)
                {
                    var change = json.InsertBefore(property.Value.Offset + 1, prefix);
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Change '{Short(text)}' to '{Short(prefix + text)}'",
                            ct => DocumentEdits.ChangeTextAsync(context.Document, new[] { change }, ct),
                            AddDollarKey),
                        diagnostic);
                }
                break;
            }
        }
    }

    /// <summary>
    /// The literal the diagnostic is on, or, when it is reported on a whole attribute (a key built
    /// from a typed integration's JSON property), every string literal argument of that attribute.
    /// </summary>
    private static IEnumerable<ExpressionSyntax> CandidateLiterals(SyntaxNode node)
    {
        if (node.AncestorsAndSelf().OfType<LiteralExpressionSyntax>().FirstOrDefault() is { } literal)
            return new[] { literal };
        if (node.AncestorsAndSelf().OfType<AttributeArgumentSyntax>().FirstOrDefault() is { } argument)
            return new[] { argument.Expression };
        var attributes = node.AncestorsAndSelf().OfType<AttributeSyntax>().Take(1).ToList();
        if (attributes.Count == 0 && node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault() is { } type)
            attributes = type.AttributeLists.SelectMany(l => l.Attributes).ToList();
        return attributes.SelectMany(a => a.ArgumentList?.Arguments.Select(x => x.Expression) ?? Enumerable.Empty<ExpressionSyntax>());
    }

    /// <summary>"$." (or "$" before '.' and '['), when <paramref name="text"/> is a member chain missing its '$'; else null.</summary>
    internal static string? MissingDollar(string text)
    {
        if (!MemberChain.IsMatch(text) || text.IndexOfAny(new[] { '.', '[' }) < 0) return null;
        var prefix = text[0] is '.' or '[' ? "$" : "$.";
        var firstName = text.TrimStart('.').Split('.', '[')[0];
        if (AslFacts.ContextFields.ContainsKey(firstName)) return null;
        return JsonPathSyntax.Analyze(prefix + text).IsValid && JsonLiteral.IsSafeToInsert(prefix) ? prefix : null;
    }

    /// <summary>The validator shows values truncated to 80 characters ("..." at the end).</summary>
    private static bool Shows(string shown, string value)
        => string.Equals(shown, value, StringComparison.Ordinal)
           || (shown.Length == 80 && shown.EndsWith("...", StringComparison.Ordinal) && value.Length > 80
               && value.StartsWith(shown.Substring(0, 77), StringComparison.Ordinal));

    private static string Short(string text) => text.Length > 40 ? text.Substring(0, 37) + "..." : text;
}
