using System.Runtime.CompilerServices;
using System.Text;
using Flowstate.Core.Asl;
using Flowstate.Core.Conditions;
using Flowstate.Core.Model;
using Flowstate.Generator.Tests.Asl;
using Flowstate.Tests.Shared;

namespace Flowstate.Generator.Tests.Conditions;

/// <summary>
/// Every Choice rule of the 169 real-world definitions in tests/TestData/corpus prints as a
/// condition and parses back to the same rule. The printed conditions are kept in a baseline so
/// that any change of the canonical form shows up in review.
/// </summary>
public class ConditionCorpusTests
{
    private sealed record CorpusRule(string File, string State, int Index, ChoiceRuleSpec Rule);

    public static TheoryData<string> CorpusFiles() => Corpus.Files();

    // Read with AslReader, exactly as the importer will. Choice states are collected from every
    // scope: the top level, Parallel branches and Map processors.
    private static List<CorpusRule> ReadRules(string file)
    {
        var read = AslReader.Read(Corpus.Read(file), file, file);
        Assert.True(read.Spec is not null, $"{file}: {string.Join("; ", read.Diagnostics.Select(d => string.Join(", ", d.MessageArgs)))}");
        var rules = new List<CorpusRule>();
        Walk(read.Spec!.Root);
        return rules;

        void Walk(ScopeSpec scope)
        {
            foreach (var state in scope.States)
            {
                if (state.Choices is { } choices)
                    for (var i = 0; i < choices.Count; i++) rules.Add(new CorpusRule(file, state.Name, i, choices[i]));
                foreach (var branch in state.Branches ?? EquatableArray<ScopeSpec>.Empty) Walk(branch);
                if (state.Processor is { } processor) Walk(processor);
            }
        }
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void CorpusFile_EveryChoiceRule_PrintsAndParsesBackEqual(string file)
    {
        var problems = new List<string>();
        foreach (var (_, state, index, rule) in ReadRules(file))
        {
            if (!ConditionPrinter.TryPrint(rule, out var text, out var whyNot))
            {
                problems.Add($"{state}.Choices[{index}] cannot be printed: {whyNot}");
                continue;
            }
            var parsed = ConditionParser.Parse(text);
            var expected = RuleJson.WithoutLocations(rule) with { Next = null, Comment = null, Assign = null, Output = null };
            if (!Equals(parsed.Rule, expected))
                problems.Add($"{state}.Choices[{index}] does not round-trip:\n  text:   {text}\n  parsed: {(parsed.Rule is null ? parsed.Error : RuleJson.Show(parsed.Rule))}\n  rule:   {RuleJson.Show(expected)}");
        }
        Assert.True(problems.Count == 0, $"{file}:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Corpus_AllChoiceRules_MatchTheBaseline()
    {
        var files = Corpus.FileNames;
        Assert.Equal(Corpus.ExpectedCount, files.Count);
        var rules = files.SelectMany(ReadRules).ToList();
        // Counted independently of this code; guards against a walker that silently finds nothing.
        Assert.Equal(193, rules.Count);

        var sb = new StringBuilder();
        sb.Append("# Choice rules of tests/TestData/corpus printed by ConditionPrinter (").Append(rules.Count).Append(" rules).\n");
        foreach (var group in rules.GroupBy(r => r.File))
        {
            sb.Append('\n').Append(group.Key).Append('\n');
            foreach (var (_, state, index, rule) in group)
            {
                var ok = ConditionPrinter.TryPrint(rule, out var text, out var whyNot);
                sb.Append("  ").Append(state).Append(".Choices[").Append(index).Append("]: ")
                  .Append(ok ? text.Replace("\n", "\\n") : "NOT PRINTABLE: " + whyNot).Append('\n');
            }
        }
        Baseline.VerifyFile(Path.Combine(Baseline.ProjectDirectory(), "Baselines", "Conditions"), "Baselines/Conditions", "Corpus.txt", sb.ToString());
    }
}
