using Flowstate.Core.Asl;
using Flowstate.Core.Conditions;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using FsCheck.Fluent;

namespace Flowstate.Generator.Tests.Conditions;

public class ConditionSyntaxTests
{
    [Fact]
    public void Operators_KnownToAslReader_AreExactlyTheOnesTheSyntaxWrites()
    {
        var syntax = ConditionSyntax.Comparisons.Keys.Concat(ConditionSyntax.TypeTestFunctions.Keys).OrderBy(o => o, StringComparer.Ordinal);
        Assert.Equal(AslReader.ComparisonOperators.OrderBy(o => o, StringComparer.Ordinal), syntax);
        var generated = ConditionArbitraries.ComparisonOperators.Concat(ConditionArbitraries.TypeTests).OrderBy(o => o, StringComparer.Ordinal);
        Assert.Equal(AslReader.ComparisonOperators.OrderBy(o => o, StringComparer.Ordinal), generated);
    }

    [Theory]
    [InlineData("$", true)]
    [InlineData("$.a.b[0]['x y'][?(@.p < 1)]", true)]
    [InlineData("$$.Execution.Input", true)]
    [InlineData("$var.x", true)]
    [InlineData("$.detail-type", true)]
    [InlineData("", false)]
    [InlineData("status", false)]
    [InlineData("$.a b", false)]
    [InlineData("$.a ", false)]
    [InlineData(" $.a", false)]
    [InlineData("$.", false)]
    [InlineData("$.a[0", false)]
    [InlineData("$.a)", false)]
    [InlineData("$.a=1", false)]
    [InlineData("$.a\u00a0", false)]
    public void BarePath_OnlyWhenItReadsBackAsItself(string path, bool bare) => Assert.Equal(bare, ConditionSyntax.IsBarePath(path));

    [Theory]
    [InlineData("{% x %}", true)]
    [InlineData(" \n{%x%}\t", true)]
    [InlineData("{%%}", true)]
    [InlineData("{%}", false)]
    [InlineData("{% x", false)]
    [InlineData("x %}", false)]
    [InlineData("", false)]
    public void Jsonata_IsTheTrimmedTextInDelimiters(string text, bool jsonata) => Assert.Equal(jsonata, ConditionSyntax.IsJsonata(text));

    [Theory]
    [InlineData("0", true)]
    [InlineData("-0", true)]
    [InlineData("1.50", true)]
    [InlineData("1e5", true)]
    [InlineData("1E-5", true)]
    [InlineData("-12.5e+3", true)]
    [InlineData("01", false)]
    [InlineData("1.", false)]
    [InlineData(".5", false)]
    [InlineData("+1", false)]
    [InlineData("1e", false)]
    [InlineData("-", false)]
    [InlineData("", false)]
    [InlineData("NaN", false)]
    [InlineData("Infinity", false)]
    public void JsonNumber_FollowsRfc8259(string lexeme, bool valid) => Assert.Equal(valid, ConditionSyntax.IsJsonNumber(lexeme));

    // The properties are only as good as what they generate: prove the generators reach every
    // operator, every operand type, path('...'), single-operand And/Or, nesting and JSONata.
    [Fact]
    public void Generators_OverManySamples_CoverEveryOperatorAndForm()
    {
        var rules = ConditionArbitraries.GeneratedRules().Generator.Sample(3000, 20).Select(g => g.Rule).ToList();
        var all = rules.SelectMany(Flatten).ToList();
        Assert.Equal(3000, rules.Count);
        Assert.Empty(AslReader.ComparisonOperators.Except(all.Select(r => r.Operator)));
        foreach (var kind in Enum.GetValues<JsonKind>())
            Assert.Contains(all, r => r.Operator is { } op && !op.EndsWith("Path", StringComparison.Ordinal) && !op.StartsWith("Is", StringComparison.Ordinal) && r.Operand!.Kind == kind);
        Assert.Contains(all, r => r.And is { Count: 1 });
        Assert.Contains(all, r => r.Or is { Count: 1 });
        Assert.Contains(all, r => r.And is { Count: > 2 });
        Assert.Contains(all, r => r.And is { } and && and.Any(o => o.And is not null));
        Assert.Contains(all, r => r.Or is { } or && or.Any(o => o.Or is not null));
        Assert.Contains(all, r => r.Not is { Not: not null });
        Assert.Contains(all, r => r.Not is { Operator: "StringEquals" });
        Assert.Contains(rules, r => r.Condition is not null);
        Assert.Contains(rules, r => r.Next is not null);

        var texts = rules.Select(r => { ConditionPrinter.TryPrint(r, out var t, out _); return t; }).ToList();
        foreach (var form in new[] { "path('", "and(", "or(", "!=", "!(", "((", "string(", "number(", "boolean(", "timestamp(", "\\'", "\\u", "[?(", "$$", "['", "matches" })
            Assert.Contains(texts, t => t.Contains(form, StringComparison.Ordinal));
    }

    [Fact]
    public void Generators_FuzzTexts_ReachBothValidAndInvalidConditions()
    {
        var results = ConditionArbitraries.FuzzTexts().Generator.Sample(2000, 20).Select(f => ConditionParser.Parse(f.Text)).ToList();
        Assert.Equal(2000, results.Count);
        Assert.InRange(results.Count(r => r.Success), 200, 1800);
    }

    private static IEnumerable<ChoiceRuleSpec> Flatten(ChoiceRuleSpec rule)
    {
        yield return rule;
        foreach (var child in (rule.And ?? default).Concat(rule.Or ?? default).Concat(rule.Not is null ? [] : [rule.Not]))
            foreach (var r in Flatten(child)) yield return r;
    }
}
