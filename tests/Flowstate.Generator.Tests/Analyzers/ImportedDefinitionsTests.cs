using System.Text.RegularExpressions;
using Flowstate.Core.Asl;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Cli.Importing;
using Flowstate.Core.Model;
using Flowstate.Generator.Tests.Asl;
using Flowstate.Generator.Tests.Support;
using Flowstate.Core.Validation;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Flowstate.Generator.Tests.Analyzers;

/// <summary>
/// ASL -> AslReader -> DslWriter (the importer) -> C# compiled with <see cref="Generator.Analyzers.StateMachineAnalyzer"/>:
/// the hand-written invalid definitions of tests/TestData/invalid report what their header says, on
/// the C# source; the 169 corpus definitions report no error beyond the corpus's known real ones.
/// </summary>
public class ImportedDefinitionsTests
{
    private static readonly Regex s_expect = new(@"^expect (?<ids>FLOW\d{4}(?:, FLOW\d{4})*)(?<express> \(EXPRESS\))?:", RegexOptions.CultureInvariant);

    private readonly ITestOutputHelper _output;

    public ImportedDefinitionsTests(ITestOutputHelper output) => _output = output;

    private static string InvalidDirectory => Path.Combine(AppContext.BaseDirectory, "TestData", "invalid");

    public static TheoryData<string> InvalidFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(InvalidDirectory, "*.asl.json").OrderBy(p => p, StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    /// <summary>Reads, imports and analyzes one definition; returns the C# and every diagnostic (compiler errors fail the test).</summary>
    private static (string Source, IReadOnlyList<Diagnostic> Diagnostics) ImportAndAnalyze(string json, string machineName, bool express = false)
    {
        var read = AslReader.Read(json, machineName);
        Assert.True(read.Spec is not null, string.Join("; ", read.Diagnostics));
        var spec = express ? read.Spec! with { WorkflowType = "EXPRESS" } : read.Spec!;
        var written = DslWriter.Write(spec, new DslWriterOptions { Namespace = "Imported" });
        Assert.True(written.Success, "the importer refused it: " + string.Join("; ", written.Errors));
        var source = written.Source!;
        var compilation = CompilationFactory.Create(source);
        var errors = CompilationFactory.Errors(compilation);
        Assert.True(errors.Count == 0, "the imported C# does not compile:\n" + string.Join("\n", errors) + "\n" + source);
        return (source, CompilationAnalyzerRunner.Run(compilation, declarationOnly: false));
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void InvalidDefinition_ImportedToCSharp_ReportsExpectedIdOnSource(string file)
    {
        var json = File.ReadAllText(Path.Combine(InvalidDirectory, file));
        var comment = AslReader.Read(json, "x").Spec?.Comment ?? "";
        var match = s_expect.Match(comment);
        Assert.True(match.Success, $"{file}: the Comment must start with 'expect FLOWnnnn[, FLOWnnnn]:'");
        var expected = match.Groups["ids"].Value.Split(", ");

        var (source, diagnostics) = ImportAndAnalyze(json, file.Replace(".asl.json", "", StringComparison.Ordinal), match.Groups["express"].Success);
        _output.WriteLine(source);
        foreach (var d in diagnostics) _output.WriteLine(d.ToString());

        // The ASL itself has the finding too: the C# path neither loses nor invents it.
        var fromAsl = SpecValidator.Validate(AslReader.Read(json, file.Replace(".asl.json", "", StringComparison.Ordinal)).Spec!
            with { WorkflowType = match.Groups["express"].Success ? "EXPRESS" : "STANDARD" }, CancellationToken.None);
        foreach (var id in expected)
        {
            Assert.Contains(fromAsl, d => d.Id == id);
            var onSource = diagnostics.Where(d => d.Id == id).ToList();
            Assert.True(onSource.Count > 0, $"{file}: {id} not reported on the imported C#");
            Assert.All(onSource, d => Assert.True(d.Location.IsInSource, $"{id} has no source location"));
        }
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("FLOW0", StringComparison.Ordinal));
    }

    [Fact]
    public void InvalidDefinitions_CoverTheChecksOfTheAnchors()
    {
        // One file per row of asl-checks.md's tables that a definition can break (size excepted).
        var ids = Directory.GetFiles(InvalidDirectory, "*.asl.json").Select(Path.GetFileName)
            .Select(f => s_expect.Match(AslReader.Read(File.ReadAllText(Path.Combine(InvalidDirectory, f!)), "x").Spec!.Comment ?? "").Groups["ids"].Value)
            .SelectMany(s => s.Split(", "))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var id in new[] { "FLOW1002", "FLOW1003", "FLOW1004", "FLOW1005", "FLOW1006", "FLOW1007", "FLOW1008", "FLOW1011", "FLOW1012",
                     "FLOW2001", "FLOW2002", "FLOW2004", "FLOW2005", "FLOW2006", "FLOW2007", "FLOW2008", "FLOW2009", "FLOW2012",
                     "FLOW3001", "FLOW3002", "FLOW3003", "FLOW3004", "FLOW3005", "FLOW3006", "FLOW3010", "FLOW3011", "FLOW3012", "FLOW3013",
                     "FLOW4007", "FLOW4008", "FLOW4009", "FLOW4011", "FLOW4014", "FLOW4018", "FLOW4019", "FLOW4020", "FLOW4021",
                     "FLOW5001", "FLOW5004", "FLOW5006", "FLOW5007", "FLOW6001", "FLOW6002" })
            Assert.Contains(id, ids);
    }

    [Fact]
    public void Corpus_ImportedToCSharp_NoErrorsBeyondTheKnownRealOnes()
    {
        var known = new HashSet<(string, string)>(Enumerable.Select(Flowstate.Generator.Tests.Validation.CorpusValidationTests.ExpectedErrors, e => (e.File, e.Id)));
        var unexpected = new List<string>();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in Corpus.FileNames)
        {
            var name = file.Replace(".asl.json", "", StringComparison.Ordinal);
            var (_, diagnostics) = ImportAndAnalyze(Corpus.Read(file), name.Length > 80 ? name.Substring(0, 80) : name);
            foreach (var d in diagnostics)
            {
                counts[d.Id] = counts.TryGetValue(d.Id, out var n) ? n + 1 : 1;
                if (d.Severity != DiagnosticSeverity.Error) continue;
                if (known.Contains((file, d.Id))) continue;
                unexpected.Add($"{file}: {d}");
            }
        }
        foreach (var (id, n) in counts) _output.WriteLine($"{id} {n}");
        Assert.True(unexpected.Count == 0, "unexpected errors on imported corpus C#:\n" + string.Join("\n", unexpected));
    }
}
