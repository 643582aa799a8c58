using Flowstate.Core.Conditions;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using FsCheck.Xunit;

namespace Flowstate.Generator.Tests.Conditions;

public class ConditionPrinterTests
{
    private static string Print(ChoiceRuleSpec rule)
    {
        Assert.True(ConditionPrinter.TryPrint(rule, out var text, out var whyNot), $"not printable: {whyNot}: {RuleJson.Show(rule)}");
        Assert.Null(whyNot);
        return text;
    }

    private static ChoiceRuleSpec WithoutTransition(ChoiceRuleSpec rule) => rule with { Next = null, Comment = null, Assign = null, Output = null };

    private static void AssertRoundTrip(ChoiceRuleSpec rule, string text)
    {
        var parsed = ConditionParser.Parse(text);
        Assert.True(parsed.Success, $"printed text does not parse: {parsed.Error}\n{text}");
        Assert.Equal(RuleJson.Show(WithoutTransition(rule)), RuleJson.Show(parsed.Rule));
        Assert.Equal(WithoutTransition(rule), parsed.Rule);
    }

    [Theory]
    [InlineData("""{"Variable": "$.s", "StringEquals": "OK"}""", "$.s == 'OK'")]
    [InlineData("""{"Variable": "$.s", "StringLessThan": "b"}""", "$.s < 'b'")]
    [InlineData("""{"Variable": "$.s", "StringGreaterThan": "b"}""", "$.s > 'b'")]
    [InlineData("""{"Variable": "$.s", "StringLessThanEquals": "b"}""", "$.s <= 'b'")]
    [InlineData("""{"Variable": "$.s", "StringGreaterThanEquals": "b"}""", "$.s >= 'b'")]
    [InlineData("""{"Variable": "$.f", "StringMatches": "*.csv"}""", "$.f matches '*.csv'")]
    [InlineData("""{"Variable": "$.s", "StringEqualsPath": "$.t"}""", "$.s == string($.t)")]
    [InlineData("""{"Variable": "$.s", "StringLessThanPath": "$.t"}""", "$.s < string($.t)")]
    [InlineData("""{"Variable": "$.s", "StringGreaterThanPath": "$.t"}""", "$.s > string($.t)")]
    [InlineData("""{"Variable": "$.s", "StringLessThanEqualsPath": "$.t"}""", "$.s <= string($.t)")]
    [InlineData("""{"Variable": "$.s", "StringGreaterThanEqualsPath": "$.t"}""", "$.s >= string($.t)")]
    [InlineData("""{"Variable": "$.n", "NumericEquals": 3}""", "$.n == 3")]
    [InlineData("""{"Variable": "$.n", "NumericLessThan": -2.50}""", "$.n < -2.50")]
    [InlineData("""{"Variable": "$.n", "NumericGreaterThan": 1E+3}""", "$.n > 1E+3")]
    [InlineData("""{"Variable": "$.n", "NumericLessThanEquals": 0}""", "$.n <= 0")]
    [InlineData("""{"Variable": "$.n", "NumericGreaterThanEquals": 1}""", "$.n >= 1")]
    [InlineData("""{"Variable": "$.n", "NumericEqualsPath": "$.m"}""", "$.n == number($.m)")]
    [InlineData("""{"Variable": "$.n", "NumericLessThanPath": "$.m"}""", "$.n < number($.m)")]
    [InlineData("""{"Variable": "$.n", "NumericGreaterThanPath": "$.m"}""", "$.n > number($.m)")]
    [InlineData("""{"Variable": "$.n", "NumericLessThanEqualsPath": "$.m"}""", "$.n <= number($.m)")]
    [InlineData("""{"Variable": "$.n", "NumericGreaterThanEqualsPath": "$.m"}""", "$.n >= number($.m)")]
    [InlineData("""{"Variable": "$.b", "BooleanEquals": true}""", "$.b == true")]
    [InlineData("""{"Variable": "$.b", "BooleanEquals": false}""", "$.b == false")]
    [InlineData("""{"Variable": "$.b", "BooleanEqualsPath": "$.c"}""", "$.b == boolean($.c)")]
    [InlineData("""{"Variable": "$.t", "TimestampEquals": "2026-01-01T00:00:00Z"}""", "$.t == timestamp('2026-01-01T00:00:00Z')")]
    [InlineData("""{"Variable": "$.t", "TimestampLessThan": "2026"}""", "$.t < timestamp('2026')")]
    [InlineData("""{"Variable": "$.t", "TimestampGreaterThan": "2026"}""", "$.t > timestamp('2026')")]
    [InlineData("""{"Variable": "$.t", "TimestampLessThanEquals": "2026"}""", "$.t <= timestamp('2026')")]
    [InlineData("""{"Variable": "$.t", "TimestampGreaterThanEquals": "2026"}""", "$.t >= timestamp('2026')")]
    [InlineData("""{"Variable": "$.t", "TimestampEqualsPath": "$.u"}""", "$.t == timestamp($.u)")]
    [InlineData("""{"Variable": "$.t", "TimestampLessThanPath": "$.u"}""", "$.t < timestamp($.u)")]
    [InlineData("""{"Variable": "$.t", "TimestampGreaterThanPath": "$.u"}""", "$.t > timestamp($.u)")]
    [InlineData("""{"Variable": "$.t", "TimestampLessThanEqualsPath": "$.u"}""", "$.t <= timestamp($.u)")]
    [InlineData("""{"Variable": "$.t", "TimestampGreaterThanEqualsPath": "$.u"}""", "$.t >= timestamp($.u)")]
    [InlineData("""{"Variable": "$.x", "IsPresent": true}""", "isPresent($.x)")]
    [InlineData("""{"Variable": "$.x", "IsPresent": false}""", "isPresent($.x) == false")]
    [InlineData("""{"Variable": "$.x", "IsNull": true}""", "isNull($.x)")]
    [InlineData("""{"Variable": "$.x", "IsString": false}""", "isString($.x) == false")]
    [InlineData("""{"Variable": "$.x", "IsNumeric": true}""", "isNumeric($.x)")]
    [InlineData("""{"Variable": "$.x", "IsBoolean": true}""", "isBoolean($.x)")]
    [InlineData("""{"Variable": "$.x", "IsTimestamp": true}""", "isTimestamp($.x)")]
    // Literals whose JSON type does not match the family get the family's wrapper.
    [InlineData("""{"Variable": "$.s", "StringEquals": 5}""", "$.s == string(5)")]
    [InlineData("""{"Variable": "$.s", "StringMatches": null}""", "$.s matches string(null)")]
    [InlineData("""{"Variable": "$.n", "NumericEquals": "5"}""", "$.n == number('5')")]
    [InlineData("""{"Variable": "$.b", "BooleanEquals": "true"}""", "$.b == boolean('true')")]
    [InlineData("""{"Variable": "$.t", "TimestampEquals": 0}""", "$.t == timestamp(0)")]
    [InlineData("""{"Variable": "$.n", "NumericEquals": [1, "a", {"k": null}, []]}""", "$.n == number([1, 'a', {'k': null}, []])")]
    // Strings are single-quoted with escapes for ', \ and control characters.
    [InlineData("""{"Variable": "$.s", "StringEquals": "it's a\\b"}""", @"$.s == 'it\'s a\\b'")]
    [InlineData("""{"Variable": "$.s", "StringEquals": "say \"hi\""}""", "$.s == 'say \"hi\"'")]
    [InlineData("""{"Variable": "$.s", "StringEquals": "a\nb\tc\u0001\u2028é"}""", @"$.s == 'a\nb\tc\u0001\u2028é'")]
    // Paths stay bare when they read back as themselves; anything else goes through path('...').
    [InlineData("""{"Variable": "$['key with spaces'][0]", "IsPresent": true}""", "isPresent($['key with spaces'][0])")]
    [InlineData("""{"Variable": "$.a[?(@.price < 10)].b", "IsPresent": true}""", "isPresent($.a[?(@.price < 10)].b)")]
    [InlineData("""{"Variable": "$$.Execution.Input.x", "IsPresent": true}""", "isPresent($$.Execution.Input.x)")]
    [InlineData("""{"Variable": "$myVar.field", "IsPresent": true}""", "isPresent($myVar.field)")]
    [InlineData("""{"Variable": "$.detail-type", "StringEquals": "x"}""", "$.detail-type == 'x'")]
    [InlineData("""{"Variable": "status", "StringEquals": "x"}""", "path('status') == 'x'")]
    [InlineData("""{"Variable": "$.a b", "IsPresent": true}""", "isPresent(path('$.a b'))")]
    [InlineData("""{"Variable": "", "IsPresent": true}""", "isPresent(path(''))")]
    [InlineData("""{"Variable": "$.a[0", "IsPresent": true}""", "isPresent(path('$.a[0'))")]
    [InlineData("""{"Variable": "$.n", "NumericEqualsPath": "limit"}""", "$.n == number(path('limit'))")]
    // != for Not of any *Equals comparison; ! otherwise.
    [InlineData("""{"Not": {"Variable": "$.s", "StringEquals": "x"}}""", "$.s != 'x'")]
    [InlineData("""{"Not": {"Variable": "$.n", "NumericEqualsPath": "$.m"}}""", "$.n != number($.m)")]
    [InlineData("""{"Not": {"Variable": "$.b", "BooleanEquals": true}}""", "$.b != true")]
    [InlineData("""{"Not": {"Variable": "$.t", "TimestampEquals": "x"}}""", "$.t != timestamp('x')")]
    [InlineData("""{"Not": {"Variable": "$.n", "NumericLessThan": 1}}""", "!($.n < 1)")]
    [InlineData("""{"Not": {"Variable": "$.x", "IsPresent": true}}""", "!isPresent($.x)")]
    [InlineData("""{"Not": {"Variable": "$.x", "IsPresent": false}}""", "!(isPresent($.x) == false)")]
    [InlineData("""{"Not": {"Not": {"Variable": "$.x", "IsNull": true}}}""", "!!isNull($.x)")]
    [InlineData("""{"Not": {"Not": {"Variable": "$.s", "StringEquals": "x"}}}""", "!($.s != 'x')")]
    // Minimal parentheses, but never where structure would be lost.
    [InlineData("""{"And": [{"Variable": "$.a", "IsPresent": true}, {"Variable": "$.b", "IsNull": true}, {"Variable": "$.c", "NumericEquals": 1}]}""",
        "isPresent($.a) && isNull($.b) && $.c == 1")]
    [InlineData("""{"Or": [{"And": [{"Variable": "$.a", "IsPresent": true}, {"Variable": "$.b", "IsPresent": true}]}, {"Variable": "$.c", "IsPresent": true}]}""",
        "isPresent($.a) && isPresent($.b) || isPresent($.c)")]
    [InlineData("""{"And": [{"Or": [{"Variable": "$.a", "IsPresent": true}, {"Variable": "$.b", "IsPresent": true}]}, {"Variable": "$.c", "IsPresent": true}]}""",
        "(isPresent($.a) || isPresent($.b)) && isPresent($.c)")]
    [InlineData("""{"And": [{"And": [{"Variable": "$.a", "IsPresent": true}, {"Variable": "$.b", "IsPresent": true}]}, {"Variable": "$.c", "IsPresent": true}]}""",
        "(isPresent($.a) && isPresent($.b)) && isPresent($.c)")]
    [InlineData("""{"Or": [{"Variable": "$.a", "IsPresent": true}, {"Or": [{"Variable": "$.b", "IsPresent": true}, {"Variable": "$.c", "IsPresent": true}]}]}""",
        "isPresent($.a) || (isPresent($.b) || isPresent($.c))")]
    [InlineData("""{"Not": {"And": [{"Variable": "$.a", "IsPresent": true}, {"Variable": "$.b", "IsPresent": true}]}}""",
        "!(isPresent($.a) && isPresent($.b))")]
    [InlineData("""{"And": [{"Not": {"Variable": "$.a", "IsPresent": true}}, {"Not": {"Variable": "$.s", "StringEquals": "x"}}]}""",
        "!isPresent($.a) && $.s != 'x'")]
    // A single-operand And/Or has its own spelling.
    [InlineData("""{"And": [{"Variable": "$.a", "IsPresent": true}]}""", "and(isPresent($.a))")]
    [InlineData("""{"Or": [{"And": [{"Variable": "$.a", "IsPresent": true}, {"Variable": "$.b", "IsPresent": true}]}]}""", "or(isPresent($.a) && isPresent($.b))")]
    [InlineData("""{"And": [{"And": [{"Variable": "$.a", "IsPresent": true}]}, {"Variable": "$.b", "IsPresent": true}]}""", "and(isPresent($.a)) && isPresent($.b)")]
    // JSONata is the Condition text, verbatim; Next and friends of the top-level rule are ignored.
    [InlineData("""{"Condition": "{% $states.input.n > 1 %}", "Next": "Done", "Comment": "c", "Assign": {"x": 1}, "Output": "{% 1 %}"}""", "{% $states.input.n > 1 %}")]
    [InlineData("""{"Condition": " {%x%} "}""", " {%x%} ")]
    [InlineData("""{"Variable": "$.n", "NumericEquals": 1, "Next": "Done", "Comment": "c"}""", "$.n == 1")]
    public void Print_EveryOperatorAndShape_IsCanonicalAndParsesBack(string aslJson, string expected)
    {
        var rule = RuleJson.Parse(aslJson);
        var text = Print(rule);
        Assert.Equal(expected, text);
        AssertRoundTrip(rule, text);
    }

    public static TheoryData<string, ChoiceRuleSpec, string> Unprintable()
    {
        var leaf = new ChoiceRuleSpec { Variable = "$.a", Operator = "IsPresent", Operand = JsonValue.True };
        return new TheoryData<string, ChoiceRuleSpec, string>
        {
            { "nested Next", new ChoiceRuleSpec { And = EquatableArray.Create(leaf, leaf with { Next = "X" }) }, "And[1]: a rule inside And, Or or Not has Next ('X'), which only a top-level rule can have" },
            { "nested Comment", new ChoiceRuleSpec { Not = leaf with { Comment = "c" } }, "Not: a rule inside And, Or or Not has Comment" },
            { "nested Assign and Output", new ChoiceRuleSpec { Or = EquatableArray.Create(leaf, new ChoiceRuleSpec { Not = leaf with { Assign = JsonValue.Null, Output = JsonValue.Null } }) }, "Or[1].Not: a rule inside And, Or or Not has Assign, Output" },
            { "extras", leaf with { Extras = EquatableArray.Create(new ExtraField("StringEquals", JsonValue.String("x")), new ExtraField("Foo", JsonValue.Null)) }, "the rule has fields a condition cannot express: 'StringEquals', 'Foo'" },
            { "nested extras", new ChoiceRuleSpec { And = EquatableArray.Create(leaf, leaf with { Extras = EquatableArray.Create(new ExtraField("Variable", JsonValue.Number("1"))) }) }, "And[1]: the rule has fields a condition cannot express: 'Variable'" },
            { "empty rule", new ChoiceRuleSpec { Next = "X" }, "the rule has no condition: no Variable and operator, And, Or, Not or Condition" },
            { "Variable only", new ChoiceRuleSpec { Variable = "$.a" }, "the rule has a Variable but no comparison operator" },
            { "no Variable", new ChoiceRuleSpec { Operator = "StringEquals", Operand = JsonValue.String("x") }, "the StringEquals comparison has no Variable" },
            { "operand only", new ChoiceRuleSpec { Operand = JsonValue.String("x") }, "the rule has an operand but no Variable or operator" },
            { "no operand", new ChoiceRuleSpec { Variable = "$.a", Operator = "StringEquals" }, "StringEquals has no value" },
            { "unknown operator", new ChoiceRuleSpec { Variable = "$.a", Operator = "StringContains", Operand = JsonValue.String("x") }, "'StringContains' is not an ASL comparison operator" },
            { "path operand not a string", new ChoiceRuleSpec { Variable = "$.a", Operator = "NumericEqualsPath", Operand = JsonValue.Number("1") }, "NumericEqualsPath is the number 1; a *Path operator takes a path string" },
            { "type test not boolean", new ChoiceRuleSpec { Variable = "$.a", Operator = "IsPresent", Operand = JsonValue.String("true") }, "IsPresent is a string; a type test is true or false" },
            { "type test null", new ChoiceRuleSpec { Variable = "$.a", Operator = "IsNull", Operand = JsonValue.Null }, "IsNull is null; a type test is true or false" },
            { "empty And", new ChoiceRuleSpec { And = EquatableArray<ChoiceRuleSpec>.Empty }, "And has no conditions (ASL requires at least one)" },
            { "empty Or nested", new ChoiceRuleSpec { Not = new ChoiceRuleSpec { Or = EquatableArray<ChoiceRuleSpec>.Empty } }, "Not: Or has no conditions (ASL requires at least one)" },
            { "null operand in And", new ChoiceRuleSpec { And = new EquatableArray<ChoiceRuleSpec>(new ChoiceRuleSpec[] { leaf, null! }) }, "And[1]: the rule is null" },
            { "JSONata not a string", new ChoiceRuleSpec { Condition = JsonValue.True }, "the Condition is true, not a string" },
            { "JSONata without delimiters", new ChoiceRuleSpec { Condition = JsonValue.String("$states.input.x") }, "the Condition is not a JSONata expression in {% ... %}" },
            { "JSONata too short", new ChoiceRuleSpec { Condition = JsonValue.String("{%}") }, "the Condition is not a JSONata expression in {% ... %}" },
            { "JSONata nested", new ChoiceRuleSpec { Not = new ChoiceRuleSpec { Condition = JsonValue.String("{% x %}") } }, "Not: a JSONata Condition can only be a whole rule, not part of And, Or or Not" },
            { "Condition with Variable", new ChoiceRuleSpec { Condition = JsonValue.String("{% x %}"), Variable = "$.a", Operator = "IsNull", Operand = JsonValue.True }, "the rule mixes a comparison and Condition; a rule is exactly one comparison, And, Or, Not or Condition" },
            { "And with Not", new ChoiceRuleSpec { And = EquatableArray.Create(leaf), Not = leaf }, "the rule mixes And and Not" },
            { "Or with comparison", leaf with { Or = EquatableArray.Create(leaf) }, "the rule mixes a comparison and Or" },
            { "invalid number lexeme", new ChoiceRuleSpec { Variable = "$.a", Operator = "NumericEquals", Operand = JsonValue.Number("1.") }, "the NumericEquals value '1.' is not a JSON number" },
            { "Not of bad equals", new ChoiceRuleSpec { Not = new ChoiceRuleSpec { Variable = "$.a", Operator = "StringEquals", Operand = JsonValue.String("x"), Next = "N" } }, "Not: a rule inside And, Or or Not has Next ('N')" },
        };
    }

    [Theory]
    [MemberData(nameof(Unprintable))]
    public void Print_RuleTheSyntaxCannotWrite_ReturnsFalseWithTheReason(string scenario, ChoiceRuleSpec rule, string reason)
    {
        Assert.False(ConditionPrinter.TryPrint(rule, out var text, out var whyNot), scenario);
        Assert.Equal("", text);
        Assert.NotNull(whyNot);
        Assert.Contains(reason, whyNot);
    }

    [Fact]
    public void Print_Null_ReturnsFalse()
    {
        Assert.False(ConditionPrinter.TryPrint(null!, out _, out var whyNot));
        Assert.Equal("there is no rule", whyNot);
    }

    [Fact]
    public void Print_DeepestPrintableTree_ParsesBack()
    {
        // Not(And[Not(And[...]), leaf]) spends the most parser nesting per level: "!(".
        var leaf = new ChoiceRuleSpec { Variable = "$.a", Operator = "IsPresent", Operand = JsonValue.True };
        var rule = leaf;
        for (var depth = 0; depth < ConditionSyntax.MaxRuleDepth; depth++)
            rule = depth % 2 == 0 ? new ChoiceRuleSpec { Not = rule } : new ChoiceRuleSpec { And = EquatableArray.Create(rule, leaf) };
        AssertRoundTrip(rule, Print(rule));

        var tooDeep = new ChoiceRuleSpec { Not = rule };
        Assert.False(ConditionPrinter.TryPrint(tooDeep, out _, out var whyNot));
        Assert.Contains("more than 100 levels deep", whyNot);

        var nots = leaf;
        for (var depth = 0; depth < ConditionSyntax.MaxRuleDepth; depth++) nots = new ChoiceRuleSpec { Not = nots };
        AssertRoundTrip(nots, Print(nots));
        var grouped = leaf;
        for (var depth = 0; depth < ConditionSyntax.MaxRuleDepth; depth++) grouped = new ChoiceRuleSpec { And = EquatableArray.Create(grouped, leaf) };
        AssertRoundTrip(grouped, Print(grouped));
        var singles = leaf;
        for (var depth = 0; depth < ConditionSyntax.MaxRuleDepth; depth++) singles = new ChoiceRuleSpec { Or = EquatableArray.Create(singles) };
        AssertRoundTrip(singles, Print(singles));
    }

    [Fact]
    public void Print_LiteralAtTheNestingLimit_ParsesBackAndBeyondIsRefused()
    {
        JsonValue Nest(int levels)
        {
            var value = JsonValue.Number("1");
            for (var i = 0; i < levels; i++) value = JsonValue.Array(new[] { value });
            return value;
        }
        var atLimit = new ChoiceRuleSpec { Variable = "$.a", Operator = "StringEquals", Operand = Nest(ConditionSyntax.MaxLiteralDepth) };
        AssertRoundTrip(atLimit, Print(atLimit));
        var beyond = atLimit with { Operand = Nest(ConditionSyntax.MaxLiteralDepth + 1) };
        Assert.False(ConditionPrinter.TryPrint(beyond, out _, out var whyNot));
        Assert.Contains("nests deeper than 64 levels", whyNot);
        Assert.False(ConditionParser.Parse("$.a == string(" + JsonWriter.Write(Nest(ConditionSyntax.MaxLiteralDepth + 1), indented: false) + ")").Success);
    }

    [Property(Arbitrary = new[] { typeof(ConditionArbitraries) }, MaxTest = 2000)]
    public void RoundTrip_AnyGeneratedRule_PrintsAndParsesBackEqual(GeneratedRule generated)
    {
        var rule = generated.Rule;
        var text = Print(rule);
        AssertRoundTrip(rule, text);
        // The canonical text is a fixed point.
        Assert.Equal(text, Print(ConditionParser.Parse(text).Rule!));
    }

    [Property(Arbitrary = new[] { typeof(ConditionArbitraries) }, MaxTest = 2000)]
    public void Parse_AnySpellingOfARule_GivesThatRuleAndPrintsCanonically(SpelledRule spelled)
    {
        var parsed = ConditionParser.Parse(spelled.Text);
        Assert.True(parsed.Success, $"{parsed.Error}\n{spelled.Text}");
        Assert.Equal(RuleJson.Show(spelled.Rule), RuleJson.Show(parsed.Rule));
        Assert.Equal(spelled.Rule, parsed.Rule);
        AssertRoundTrip(spelled.Rule, Print(parsed.Rule!));
    }

    [Property(Arbitrary = new[] { typeof(ConditionArbitraries) }, MaxTest = 3000)]
    public void Parse_ArbitraryText_NeverThrowsAndWhatParsesPrintsBack(FuzzText fuzz)
    {
        var parsed = ConditionParser.Parse(fuzz.Text);
        if (!parsed.Success)
        {
            Assert.NotNull(parsed.Error);
            Assert.InRange(parsed.ErrorOffset, 0, fuzz.Text.Length);
            Assert.Contains($"at {parsed.ErrorOffset}", parsed.Error);
            return;
        }
        var text = Print(parsed.Rule!);
        AssertRoundTrip(parsed.Rule!, text);
    }
}
