using Flowstate.Cli.Tests.Support;
using Flowstate.Core.Asl;
using Flowstate.Cli.Importing;
using Flowstate.Core.Json;

namespace Flowstate.Cli.Tests;

/// <summary>
/// Property: for any definition (random and mostly wrong, see <see cref="RandomAsl"/>), the writer
/// never throws, refuses only what it documents (a top level without StartAt or States), what it
/// writes compiles without warnings, and the generator turns it back into JSON-equal ASL.
/// </summary>
public class RandomDefinitionTests
{
    public const int Count = 300;

    internal static IEnumerable<(int Seed, string Json, DslWriteResult Result)> Imports()
    {
        for (var seed = 0; seed < Count; seed++)
        {
            var json = new RandomAsl(seed).Definition();
            var spec = AslReader.Read(json, "random-" + seed).Spec!;
            yield return (seed, json, DslWriter.Write(spec, new DslWriterOptions { Namespace = "Random", ClassName = "Random" + seed }));
        }
    }

    [Fact]
    public void RandomDefinitions_Imported_OnlyDocumentedErrors()
    {
        var refused = 0;
        foreach (var (seed, json, result) in Imports())
        {
            if (result.Success) continue;
            refused++;
            Assert.All(result.Errors, e =>
            {
                Assert.Equal("/", e.Pointer);
                Assert.True(e.Message.Contains("no StartAt", StringComparison.Ordinal) || e.Message.Contains("no States object", StringComparison.Ordinal), $"seed {seed}: {e}\n{json}");
            });
        }
        // The generator refuses a few on purpose (no StartAt / no States at the top); most are written.
        Assert.InRange(refused, 1, Count / 5);
    }

    [Fact]
    public void RandomDefinitions_Imported_CompileWithoutWarnings()
    {
        var sources = Imports().Where(i => i.Result.Success).Select(i => ($"Random{i.Seed}.cs", i.Result.Source!)).ToList();
        var compilation = CSharpCompiler.Compile(sources);
        Assert.Equal("", CSharpCompiler.Problems(compilation));
    }

    [Fact]
    public void RandomDefinitions_ImportedWithGenerator_RoundTripToEquivalentAsl()
    {
        var imports = Imports().Where(i => i.Result.Success).ToList();
        var run = GeneratorRun.Run(imports.Select(i => ($"Random{i.Seed}.cs", i.Result.Source!)));
        Assert.Equal("", run.Problems());
        var failures = new List<string>();
        foreach (var (seed, json, result) in imports)
        {
            var generated = run.AslJson($"Random.Random{seed}");
            if (generated is null)
            {
                failures.Add($"seed {seed}: no AslJson generated");
                continue;
            }
            var differences = JsonEquivalence.Differences(JsonReader.Parse(json).Value!, JsonReader.Parse(generated).Value!);
            if (differences.Count > 0)
                failures.Add($"seed {seed}:\n  " + string.Join("\n  ", differences) + "\n--- C# ---\n" + result.Source + "\n--- original ---\n" + json + "\n--- generated ---\n" + generated);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {imports.Count} do not round-trip:\n" + string.Join("\n\n", failures.Take(3)));
    }
}
