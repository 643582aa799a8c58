using Flowstate.Core.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Flowstate.Generator.Parsing;

/// <summary>Turns syntax positions into <see cref="SourceRef"/>, the only form a position takes in the model.</summary>
internal static class SourceRefs
{
    public static SourceRef From(SyntaxNode? node) => node is null ? default : From(node.SyntaxTree, node.Span);

    public static SourceRef From(SyntaxToken token) => token.SyntaxTree is null ? default : From(token.SyntaxTree, token.Span);

    public static SourceRef From(SyntaxTree tree, TextSpan span)
    {
        var lines = tree.GetLineSpan(span);
        return new SourceRef(
            tree.FilePath ?? "",
            span.Start,
            span.Length,
            lines.StartLinePosition.Line,
            lines.StartLinePosition.Character,
            lines.EndLinePosition.Line,
            lines.EndLinePosition.Character);
    }
}
