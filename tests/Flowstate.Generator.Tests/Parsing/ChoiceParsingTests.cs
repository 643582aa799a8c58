using Flowstate.Core.Conditions;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Core.Model;

namespace Flowstate.Generator.Tests.Parsing;

// The condition syntax itself is ConditionParser's (tested there); these tests check that [When]
// rules reach the model in order, with their transitions and extra fields, and that a bad
// condition is reported on the literal.
public class ChoiceParsingTests : ParsingTestBase
{
    private static ChoiceRuleSpec Condition(string text) => ConditionParser.Parse(text).Rule!;

    [Fact]
    public void When_Rules_InSourceOrderWithNextCommentAssignOutput()
    {
        var s = Spec("""
            [StateMachine] public partial class M
            {
                [Choice(Default = typeof(Other))]
                [When("$.status == 'OK'", Next = typeof(Good), Comment = "ok")]
                [When("$.n > 3 && isPresent($.x)", NextName = "Named", Assign = "{\"seen\": true}")]
                [When("{% $states.input.flag %}", Next = typeof(Good), Output = "{% $states.input %}")]
                public class Route;
                [Succeed] public class Good;
                [Succeed] public class Other;
            }
            """).Root.States[0];

        var rules = s.Choices!.Value;
        Assert.Equal(3, rules.Count);
        Assert.Equal(Condition("$.status == 'OK'") with { Next = "Good", Comment = "ok" }, rules[0]);
        Assert.Equal(Condition("$.n > 3 && isPresent($.x)") with { Next = "Named", Assign = J("{\"seen\": true}") }, rules[1]);
        Assert.Equal(Condition("{% $states.input.flag %}") with { Next = "Good", Output = S("{% $states.input %}") }, rules[2]);
        Assert.Equal("Other", s.Default);
    }

    [Fact]
    public void When_InvalidCondition_ReportsFlow0005InsideLiteralAndSkipsRule()
    {
        const string source = """
            [StateMachine] public partial class M
            {
                [Choice]
                [When("$.a == 'x'", Next = typeof(Done))]
                [When("$.status === 'OK'", Next = typeof(Done))]
                public class Route;
                [Succeed] public class Done;
            }
            """;
        var result = Parse(source, locations: true);
        var d = Single(result, DiagnosticIds.InvalidCondition);

        Assert.Equal("2", d.MessageArgs[0]);
        Assert.Equal("Route", d.MessageArgs[1]);
        var full = Header + source;
        var literalStart = full.IndexOf("\"$.status", StringComparison.Ordinal);
        Assert.InRange(d.Location.Start, literalStart, literalStart + "\"$.status === 'OK'\"".Length);
        Assert.Single(result.Spec!.Root.States[0].Choices!.Value);
    }

    [Fact]
    public void When_TypeofNonState_ReportsFlow0004()
    {
        var result = Parse("""[StateMachine] public partial class M { [Choice] [When("$.a == 1", Next = typeof(int))] public class C; }""");
        var d = Single(result, DiagnosticIds.TargetNotAState);
        Assert.Equal("[When] rule 1 of state 'C'", d.MessageArgs[1]);
    }

    [Fact]
    public void When_WithLocations_KeyedByChoiceIndex()
    {
        const string source = """
            [StateMachine] public partial class M
            {
                [Choice] [When("$.a == 1", Next = typeof(D))] public class C;
                [Succeed] public class D;
            }
            """;
        var s = Parse(source, locations: true).Spec!.Root.States[0];
        Assert.Equal("typeof(D)", TextAt(source, s.FieldLocations.Single(f => f.Field == "Choices[0].Next").Location));
        Assert.Equal("\"$.a == 1\"", TextAt(source, s.FieldLocations.Single(f => f.Field == "Choices[0].Condition").Location));
    }
}
