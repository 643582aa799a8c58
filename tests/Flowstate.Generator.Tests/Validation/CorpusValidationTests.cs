using Flowstate.Core.Asl;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Generator.Tests.Asl;
using Flowstate.Core.Validation;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Flowstate.Generator.Tests.Validation;

/// <summary>
/// The validator over the 169 real-world definitions: no Error-severity diagnostic except where the
/// definition is really wrong; each such case is listed below with the reason.
/// </summary>
public class CorpusValidationTests
{
    private readonly ITestOutputHelper _output;

    public CorpusValidationTests(ITestOutputHelper output) => _output = output;

    /// <summary>(file, id, where) of every expected Error, with why the definition really is wrong.</summary>
    public static readonly (string File, string Id, string Where, string Reason)[] ExpectedErrors =
    {
        ("shared-fallback-state-jsonata_statemachine_statemachine.asl.json", "FLOW4002", "QueryLanguage",
            "\"QueryLanguage\": \"JSONata\" is written inside States instead of at the top level: it is not a state, and AWS rejects the definition"),
        ("shared-fallback-state-jsonata_statemachine_statemachine.asl.json", "FLOW3013", "FirstLambdaState.Arguments",
            "consequence of the misplaced QueryLanguage: the states are JSONPath states, where Arguments and Output do not exist (AWS rejects them)"),
        ("shared-fallback-state-jsonata_statemachine_statemachine.asl.json", "FLOW3013", "FirstLambdaState.Output",
            "consequence of the misplaced QueryLanguage: the states are JSONPath states, where Arguments and Output do not exist (AWS rejects them)"),
        ("shared-fallback-state-jsonata_statemachine_statemachine.asl.json", "FLOW3013", "FirstLambdaState.Catch[0].Output",
            "consequence of the misplaced QueryLanguage: the states are JSONPath states, where Arguments and Output do not exist (AWS rejects them)"),
        ("shared-fallback-state-jsonata_statemachine_statemachine.asl.json", "FLOW3013", "SecondLambdaState.Arguments",
            "consequence of the misplaced QueryLanguage: the states are JSONPath states, where Arguments and Output do not exist (AWS rejects them)"),
        ("shared-fallback-state-jsonata_statemachine_statemachine.asl.json", "FLOW3013", "SecondLambdaState.Output",
            "consequence of the misplaced QueryLanguage: the states are JSONPath states, where Arguments and Output do not exist (AWS rejects them)"),
        ("shared-fallback-state-jsonata_statemachine_statemachine.asl.json", "FLOW3013", "SecondLambdaState.Catch[0].Output",
            "consequence of the misplaced QueryLanguage: the states are JSONPath states, where Arguments and Output do not exist (AWS rejects them)"),
        ("shared-fallback-state-jsonata_statemachine_statemachine.asl.json", "FLOW3013", "ThirdLambdaState.Arguments",
            "consequence of the misplaced QueryLanguage: the states are JSONPath states, where Arguments and Output do not exist (AWS rejects them)"),
        ("shared-fallback-state-jsonata_statemachine_statemachine.asl.json", "FLOW3013", "ThirdLambdaState.Output",
            "consequence of the misplaced QueryLanguage: the states are JSONPath states, where Arguments and Output do not exist (AWS rejects them)"),
        ("shared-fallback-state-jsonata_statemachine_statemachine.asl.json", "FLOW3013", "ThirdLambdaState.Catch[0].Output",
            "consequence of the misplaced QueryLanguage: the states are JSONPath states, where Arguments and Output do not exist (AWS rejects them)"),
    };

    private static string MachineName(string fileName)
    {
        // A valid state machine name derived from the file (the corpus names contain '.' and '_' only).
        var name = fileName.Replace(".asl.json", "", StringComparison.Ordinal);
        return name.Length > 80 ? name.Substring(0, 80) : name;
    }

    [Fact]
    public void Corpus_Validate_HasNoUnexpectedErrors()
    {
        var unexpected = new List<string>();
        var seenExpected = new HashSet<(string, string, string)>();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var warnings = new List<string>();
        foreach (var file in Corpus.FileNames)
        {
            var spec = ValidationHarness.Read(Corpus.Read(file), MachineName(file));
            foreach (var f in ValidationHarness.Validate(spec))
            {
                counts[f.Id] = counts.TryGetValue(f.Id, out var n) ? n + 1 : 1;
                var descriptor = Descriptors.FindRule(f.Id);
                Assert.NotNull(descriptor);
                if (descriptor!.DefaultSeverity == DiagnosticSeverity.Warning) warnings.Add($"{file}: {f.Id} @ {f.Where}: {f.Message}");
                if (descriptor.DefaultSeverity != DiagnosticSeverity.Error) continue;
                var key = (file, f.Id, f.Where);
                if (ExpectedErrors.Any(e => (e.File, e.Id, e.Where) == key)) { seenExpected.Add(key); continue; }
                unexpected.Add($"{file}: {f.Id} @ {f.Where}: {f.Message}");
            }
        }
        _output.WriteLine("Diagnostics over the corpus, per id:");
        foreach (var (id, n) in counts)
            _output.WriteLine($"  {id} {Descriptors.FindRule(id)!.DefaultSeverity,-7} {n,5}  {Descriptors.FindRule(id)!.Title}");
        _output.WriteLine("Warnings:");
        foreach (var w in warnings) _output.WriteLine("  " + w);
        Assert.True(unexpected.Count == 0, "unexpected errors:\n" + string.Join("\n", unexpected));
        var stale = ExpectedErrors.Where(e => !seenExpected.Contains((e.File, e.Id, e.Where))).ToList();
        Assert.True(stale.Count == 0, "expected errors that no longer fire:\n" + string.Join("\n", stale.Select(e => $"{e.File}: {e.Id} @ {e.Where}")));
    }
}
