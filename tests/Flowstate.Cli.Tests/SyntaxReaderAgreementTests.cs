using Flowstate.Cli.Tests.Support;

namespace Flowstate.Cli.Tests;

/// <summary>
/// The generator reads self-contained machines' attributes from syntax instead of binding them
/// (SyntaxAttributeReader, for speed). It must produce exactly what binding produces: every generated
/// file byte-identical, on the 169 imported corpus definitions and on the random definitions, and the
/// fast path must really have been taken (else the comparison would prove nothing).
/// </summary>
public class SyntaxReaderAgreementTests
{
    private static void AssertAgree(IReadOnlyList<(string Path, string Source)> sources, int minimumFromSyntax)
    {
        var bound = GeneratorRun.Run(sources, syntaxReader: false);
        var fromSyntax = GeneratorRun.Run(sources, syntaxReader: true);

        Assert.Equal(0, bound.MachinesReadFromSyntax);
        Assert.Equal(bound.Sources.Keys.OrderBy(k => k, StringComparer.Ordinal), fromSyntax.Sources.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (hint, text) in bound.Sources)
            Assert.True(text == fromSyntax.Sources[hint], $"{hint} differs between the bound attributes and the syntax reader");
        Assert.Equal(bound.Problems(), fromSyntax.Problems());
        Assert.True(fromSyntax.MachinesReadFromSyntax >= minimumFromSyntax,
            $"only {fromSyntax.MachinesReadFromSyntax} machines were read from syntax (expected at least {minimumFromSyntax}); bound instead:\n  " + string.Join("\n  ", fromSyntax.Fallbacks));
    }

    [Fact]
    public void Corpus_SyntaxReader_GeneratesWhatBindingGenerates()
    {
        var sources = Corpus.Imported.Where(m => m.Source is not null).Select(m => (m.ClassName + ".cs", m.Source!)).ToList();
        // Every imported corpus machine is self-contained: literals, Flowstate constants and typeof of its own states.
        AssertAgree(sources, minimumFromSyntax: sources.Count);
    }

    [Fact]
    public void RandomDefinitions_SyntaxReader_GeneratesWhatBindingGenerates()
    {
        var sources = RandomDefinitionTests.Imports().Where(i => i.Result.Success).Select(i => ("Random" + i.Seed + ".cs", i.Result.Source!)).ToList();
        AssertAgree(sources, minimumFromSyntax: sources.Count);
    }
}
