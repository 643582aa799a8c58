using Flowstate.Cli.Tests.Support;
using System.Text.RegularExpressions;

namespace Flowstate.Cli.Tests;

/// <summary>
/// The 169 corpus definitions imported as one project: its stack template, as the compiled program
/// composes it from the text of the generated stacks file and each machine's AslJson constant, is
/// byte-identical to the template the generator wrote (TemplateWriter.Write), and every definition
/// written as a Definition object is taken from its constant rather than repeated.
/// </summary>
public class CorpusStackTemplateTests
{
    [Fact]
    public void Corpus_ComposedTemplate_IsTheWrittenTemplate()
    {
        var run = CorpusRoundTripTests.Run.Value;
        var written = run.WrittenTemplates();
        var composed = run.LoadStacks().Select(s => s.TemplateJson).ToList();

        var template = Assert.Single(written);
        Assert.Equal(written, composed);

        var source = run.Source("FlowstateManifest.Stacks.g.cs");
        var objects = Regex.Matches(template, Regex.Escape("\"Definition\": {")).Count;
        var strings = Regex.Matches(template, Regex.Escape("\"DefinitionString\": ")).Count;
        Assert.Equal(Corpus.Files.Count, objects + strings);
        Assert.True(objects > 150, $"only {objects} definitions as objects");
        Assert.Equal(objects, Regex.Matches(source, Regex.Escape("global::Flowstate.Internal.GeneratedCode.NestJson(")).Count);
        Assert.DoesNotContain("\"\"Definition\"\": {", source); // no definition repeated as text
    }
}
