using System.Text.Json.Nodes;
using Flowstate.Cli.Commands;
using Flowstate.Cli.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Flowstate.Cli.Tests;

/// <summary>
/// Issue 11's "done when" on real definitions (the 169 of tests/TestData/corpus, from
/// aws-samples/step-functions-workflows-collection): an invented error name with the reserved
/// "States." prefix is reported wherever it is written into a real definition, and writing it adds
/// no other error or warning. (The reserved-name rules are warnings: FLOW2004 on ErrorEquals.)
/// </summary>
public sealed class CorpusReservedNamesTests
{
    private const string Invented = "States.InventedByTheTest";

    // Errors and warnings: the reserved-name rules are warnings (FLOW2004 on ErrorEquals, FLOW2013 on a Fail's Error).
    private static IReadOnlyList<ValidationFinding> Findings(string file, string text)
        => ValidateRunner.ValidateText(file, text, new ValidateOptions(new[] { file })).Where(f => f.Severity >= DiagnosticSeverity.Warning).ToList();

    [Fact]
    public void InventedStatesNameInARetrier_ReportedInEveryDefinition_NothingElseAdded()
    {
        var injected = 0;
        var problems = new List<string>();
        foreach (var file in Corpus.Files)
        {
            var text = File.ReadAllText(file);
            if (JsonNode.Parse(text) is not JsonObject root || root["States"] is not JsonObject states) continue;
            // The first top-level Task: a retrier on the invented name is valid ASL in every query language.
            var task = states.Select(p => p.Value).OfType<JsonObject>().FirstOrDefault(s => (string?)s["Type"] == "Task");
            if (task is null) continue;
            var retry = task["Retry"] as JsonArray ?? new JsonArray();
            retry.Insert(0, new JsonObject { ["ErrorEquals"] = new JsonArray(Invented), ["MaxAttempts"] = 1 });
            task["Retry"] = retry;
            injected++;

            var before = Findings(file, text).Select(f => f.Id).ToList();
            var findings = Findings(file, root.ToJsonString());
            var name = Path.GetFileName(file);
            if (!findings.Any(f => f.Id == "FLOW2004" && f.Message.Contains("'" + Invented + "'", StringComparison.Ordinal) && f.Message.Contains("reserved", StringComparison.Ordinal)))
                problems.Add($"{name}: '{Invented}' not reported (FLOW2004)");
            var after = findings.Select(f => f.Id).Where(id => id != "FLOW2004").ToList();
            var added = after.GroupBy(id => id).Where(g => g.Count() > before.Count(b => b == g.Key)).Select(g => g.Key).ToList();
            if (added.Count > 0) problems.Add($"{name}: the retrier also added {string.Join(", ", added)}");
        }
        Assert.True(injected >= 100, $"only {injected} corpus definitions have a top-level Task");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
