using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Flowstate.CodeFixes.Support;
using Flowstate.Core.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Flowstate.CodeFixes;

/// <summary>
/// FLOW3018, a path with whitespace around it (<c>"$$.Execution.Name "</c>): removes the whitespace
/// where it was written. A path that is a whole argument (<c>InputPath = "$.a "</c>) gets a trimmed
/// literal; a path inside a JSON payload is trimmed inside the literal, which keeps its kind and
/// every other character. Offered only when the whitespace is written as plain characters (not as
/// JSON or C# escapes), so that removing source characters removes exactly the whitespace.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TrimPathCodeFix)), Shared]
public sealed class TrimPathCodeFix : CodeFixProvider
{
    public const string TrimKey = DiagnosticIds.PathWithSurroundingWhitespace + ".Trim";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.PathWithSurroundingWhitespace);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var span = diagnostic.Location.SourceSpan;
            var node = root.FindNode(span, getInnermostNodeForTie: true);
            if (node.AncestorsAndSelf().OfType<LiteralExpressionSyntax>().FirstOrDefault() is not { } literal
                || !literal.IsKind(SyntaxKind.StringLiteralExpression)) continue;

            TextChange[] changes;
            if (literal.Span == span)
            {
                // The whole argument is the path.
                var value = literal.Token.ValueText;
                var trimmed = value.Trim();
                if (trimmed.Length == value.Length || trimmed.Length == 0) continue;
                var replacement = SyntaxFactory.Literal(trimmed).Text;
                changes = new[] { new TextChange(literal.Span, replacement) };
            }
            else
            {
                // A JSON string inside the literal: the span covers its quotes.
                var source = text.ToString(span);
                if (source.Length < 2) continue;
                var quote = source.StartsWith("\\\"", System.StringComparison.Ordinal) ? 2 : source[0] == '"' ? 1 : 0;
                if (quote == 0 || source.Length < 2 * quote) continue;
                var inner = source.Substring(quote, source.Length - 2 * quote);
                var lead = inner.Length - inner.TrimStart(' ', '\t').Length;
                var trail = inner.Length - inner.TrimEnd(' ', '\t').Length;
                if (lead == 0 && trail == 0 || lead == inner.Length) continue;
                var list = new System.Collections.Generic.List<TextChange>(2);
                if (lead > 0) list.Add(new TextChange(new TextSpan(span.Start + quote, lead), ""));
                if (trail > 0) list.Add(new TextChange(new TextSpan(span.End - quote - trail, trail), ""));
                changes = list.ToArray();
            }
            var shown = literal.Span == span ? literal.Token.ValueText.Trim() : text.ToString(span).Trim('"', '\\').Trim();
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Trim the path '{(shown.Length > 40 ? shown.Substring(0, 37) + "..." : shown)}'",
                    ct => DocumentEdits.ChangeTextAsync(context.Document, changes, ct),
                    TrimKey),
                diagnostic);
        }
    }
}
