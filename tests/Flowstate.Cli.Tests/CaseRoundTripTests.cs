using Flowstate.Cli.Tests.Support;
using Flowstate.Core.Asl;
using Flowstate.Cli.Importing;
using Flowstate.Core.Json;

namespace Flowstate.Cli.Tests;

/// <summary>The hand-written cases (Cases/*.asl.json: wrong definitions, escape hatches, literals, naming) also round-trip through the generator.</summary>
public class CaseRoundTripTests
{
    [Theory]
    [MemberData(nameof(DslWriterBaselineTests.Cases), MemberType = typeof(DslWriterBaselineTests))]
    public void Case_ImportedWithGenerator_RoundTripsToEquivalentAsl(string caseName)
    {
        var result = DslWriterBaselineTests.Import(caseName);
        Assert.True(result.Success, string.Join("\n", result.Errors));
        var run = GeneratorRun.Run(new[] { (caseName + ".cs", result.Source!) });
        Assert.Equal("", run.Problems());

        var original = JsonReader.Parse(File.ReadAllText(Path.Combine(TestPaths.ProjectDirectory, "Cases", caseName + ".asl.json"))).Value!;
        var generated = run.AslJson("Imported." + result.ClassName);
        Assert.NotNull(generated);
        var differences = JsonEquivalence.Differences(original, JsonReader.Parse(generated!).Value!);
        Assert.True(differences.Count == 0, string.Join("\n", differences) + "\n--- generated ---\n" + generated);
    }
}
