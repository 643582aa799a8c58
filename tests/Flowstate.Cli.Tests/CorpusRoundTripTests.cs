using Flowstate.Cli.Tests.Support;
using Flowstate.Cli.Importing;
using Flowstate.Core.Json;

namespace Flowstate.Cli.Tests;

/// <summary>
/// The importer's promise on real definitions: every corpus file, read by AslReader and written by
/// DslWriter, compiles together with the others in one project, and the generator turns each class
/// back into ASL that is JSON-equal to the original (key order ignored, numbers by value).
/// </summary>
public class CorpusRoundTripTests
{
    /// <summary>
    /// Corpus files whose round trip is known not to be JSON-equal, each with the reason. A listed
    /// file that starts to round-trip fails the test, so the list only ever shrinks.
    /// </summary>
    private static readonly Dictionary<string, string> KnownGaps = new(StringComparer.Ordinal)
    {
    };

    /// <summary>The corpus imported as one project and built with the generator (shared with <see cref="CorpusStackTemplateTests"/>).</summary>
    internal static readonly Lazy<GeneratorRun> Run = new(() =>
        GeneratorRun.Run(Corpus.Imported.Where(m => m.Source is not null).Select(m => (m.ClassName + ".cs", m.Source!))));

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Corpus.Files) data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void Corpus_ImportedWithGenerator_CompilesWithoutDiagnostics()
        => Assert.Equal("", Run.Value.Problems());

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_File_RoundTripsToEquivalentAsl(string fileName)
    {
        var imported = Corpus.Imported.Single(m => Path.GetFileName(m.File) == fileName);
        Assert.True(imported.Source is not null, string.Join("\n", imported.Messages));

        var generated = Run.Value.AslJson("Corpus." + imported.ClassName);
        Assert.True(generated is not null, $"no AslJson generated for {imported.ClassName}");

        var original = JsonReader.Parse(File.ReadAllText(imported.File)).Value!;
        var back = JsonReader.Parse(generated!);
        Assert.True(back.Success, $"generated ASL is not JSON: {back.Error}");
        var differences = JsonEquivalence.Differences(original, back.Value!);

        if (KnownGaps.TryGetValue(fileName, out var reason))
        {
            Assert.True(differences.Count > 0, $"{fileName} now round-trips; remove it from KnownGaps ({reason}).");
            return;
        }
        Assert.True(differences.Count == 0,
            $"{fileName} ({imported.ClassName}) does not round-trip:\n  " + string.Join("\n  ", differences)
            + "\n--- C# ---\n" + imported.Source + "\n--- generated ASL ---\n" + generated);
    }
}
