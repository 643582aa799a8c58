using Flowstate.Core.Asl;
using Flowstate.Core.Json;
using Flowstate.Generator.Tests.Support;

using JsonEquivalence = Flowstate.Tests.Shared.JsonEquivalence;
using Flowstate.Tests.Shared;

namespace Flowstate.Generator.Tests.Asl;

public class AslCorpusRoundTripTests
{
    [Fact]
    public void Corpus_IsCopiedToOutput_Has169Definitions()
    {
        Assert.Equal(Corpus.ExpectedCount, Corpus.FileNames.Count);
    }

    [Theory]
    [MemberData(nameof(Corpus.Files), MemberType = typeof(Corpus))]
    public void CorpusFile_ReadThenWrite_IsEquivalentToOriginal(string fileName)
    {
        var text = Corpus.Read(fileName);
        var original = JsonReader.Parse(text);
        Assert.True(original.Success, original.Error);

        var result = AslReader.Read(text, "corpus", fileName);

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Spec);
        var written = JsonReader.Parse(AslWriter.Write(result.Spec));
        Assert.True(written.Success, written.Error);
        JsonEquivalence.AssertEquivalent(original.Value!, written.Value!, fileName);
    }

    [Theory]
    [MemberData(nameof(Corpus.Files), MemberType = typeof(Corpus))]
    public void CorpusFile_SecondRoundTrip_IsByteIdentical(string fileName)
    {
        var first = AslWriter.Write(AslReader.Read(Corpus.Read(fileName), "corpus", fileName).Spec!);

        var second = AslWriter.Write(AslReader.Read(first, "corpus", fileName).Spec!);

        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(Corpus.Files), MemberType = typeof(Corpus))]
    public void CorpusFile_ReadTwice_GivesEqualSpecs(string fileName)
    {
        // Equality ignores nothing in the Spec but JSON offsets: two reads of the same text with
        // the same path must be equal, which the incremental pipeline and the importer rely on.
        var text = Corpus.Read(fileName);

        Assert.Equal(AslReader.Read(text, "corpus", fileName).Spec, AslReader.Read(text, "corpus", fileName).Spec);
    }
}
