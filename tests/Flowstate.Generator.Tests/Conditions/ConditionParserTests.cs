using Flowstate.Core.Conditions;
using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Generator.Tests.Conditions;

public class ConditionParserTests
{
    private static void AssertParses(string condition, string expectedAslJson)
    {
        var result = ConditionParser.Parse(condition);
        Assert.True(result.Success, $"'{condition}' failed: {result.Error} (offset {result.ErrorOffset})");
        Assert.Null(result.Error);
        Assert.Equal(-1, result.ErrorOffset);
        var expected = RuleJson.Parse(expectedAslJson);
        Assert.Equal(RuleJson.Show(expected), RuleJson.Show(result.Rule));
        Assert.Equal(expected, result.Rule);
    }

    [Theory]
    // String family: a quoted literal picks it.
    [InlineData("$.s == 'OK'", """{"Variable": "$.s", "StringEquals": "OK"}""")]
    [InlineData("$.s == \"OK\"", """{"Variable": "$.s", "StringEquals": "OK"}""")]
    [InlineData("$.s < 'b'", """{"Variable": "$.s", "StringLessThan": "b"}""")]
    [InlineData("$.s > 'b'", """{"Variable": "$.s", "StringGreaterThan": "b"}""")]
    [InlineData("$.s <= 'b'", """{"Variable": "$.s", "StringLessThanEquals": "b"}""")]
    [InlineData("$.s >= 'b'", """{"Variable": "$.s", "StringGreaterThanEquals": "b"}""")]
    [InlineData("$.file matches '*.csv'", """{"Variable": "$.file", "StringMatches": "*.csv"}""")]
    [InlineData("$.s == string($.t)", """{"Variable": "$.s", "StringEqualsPath": "$.t"}""")]
    [InlineData("$.s < string($.t)", """{"Variable": "$.s", "StringLessThanPath": "$.t"}""")]
    [InlineData("$.s > string($.t)", """{"Variable": "$.s", "StringGreaterThanPath": "$.t"}""")]
    [InlineData("$.s <= string($.t)", """{"Variable": "$.s", "StringLessThanEqualsPath": "$.t"}""")]
    [InlineData("$.s >= string($.t)", """{"Variable": "$.s", "StringGreaterThanEqualsPath": "$.t"}""")]
    // Numeric family: a number picks it; the lexeme is kept as written.
    [InlineData("$.n == 3", """{"Variable": "$.n", "NumericEquals": 3}""")]
    [InlineData("$.n < -2.50", """{"Variable": "$.n", "NumericLessThan": -2.50}""")]
    [InlineData("$.n > 1E+3", """{"Variable": "$.n", "NumericGreaterThan": 1E+3}""")]
    [InlineData("$.n <= 0", """{"Variable": "$.n", "NumericLessThanEquals": 0}""")]
    [InlineData("$.n >= 1e-7", """{"Variable": "$.n", "NumericGreaterThanEquals": 1e-7}""")]
    [InlineData("$.n == number($.m)", """{"Variable": "$.n", "NumericEqualsPath": "$.m"}""")]
    [InlineData("$.n < number($.m)", """{"Variable": "$.n", "NumericLessThanPath": "$.m"}""")]
    [InlineData("$.n > number($.m)", """{"Variable": "$.n", "NumericGreaterThanPath": "$.m"}""")]
    [InlineData("$.n <= number($.m)", """{"Variable": "$.n", "NumericLessThanEqualsPath": "$.m"}""")]
    [InlineData("$.n >= number($.m)", """{"Variable": "$.n", "NumericGreaterThanEqualsPath": "$.m"}""")]
    // Boolean family.
    [InlineData("$.b == true", """{"Variable": "$.b", "BooleanEquals": true}""")]
    [InlineData("$.b == false", """{"Variable": "$.b", "BooleanEquals": false}""")]
    [InlineData("$.b == boolean($.c)", """{"Variable": "$.b", "BooleanEqualsPath": "$.c"}""")]
    // Timestamp family: only through timestamp(...).
    [InlineData("$.t == timestamp('2026-01-01T00:00:00Z')", """{"Variable": "$.t", "TimestampEquals": "2026-01-01T00:00:00Z"}""")]
    [InlineData("$.t < timestamp('2026-01-01T00:00:00Z')", """{"Variable": "$.t", "TimestampLessThan": "2026-01-01T00:00:00Z"}""")]
    [InlineData("$.t > timestamp('2026-01-01T00:00:00Z')", """{"Variable": "$.t", "TimestampGreaterThan": "2026-01-01T00:00:00Z"}""")]
    [InlineData("$.t <= timestamp('2026-01-01T00:00:00Z')", """{"Variable": "$.t", "TimestampLessThanEquals": "2026-01-01T00:00:00Z"}""")]
    [InlineData("$.t >= timestamp('2026-01-01T00:00:00Z')", """{"Variable": "$.t", "TimestampGreaterThanEquals": "2026-01-01T00:00:00Z"}""")]
    [InlineData("$.t == timestamp($.u)", """{"Variable": "$.t", "TimestampEqualsPath": "$.u"}""")]
    [InlineData("$.t < timestamp($.u)", """{"Variable": "$.t", "TimestampLessThanPath": "$.u"}""")]
    [InlineData("$.t > timestamp($.u)", """{"Variable": "$.t", "TimestampGreaterThanPath": "$.u"}""")]
    [InlineData("$.t <= timestamp($.u)", """{"Variable": "$.t", "TimestampLessThanEqualsPath": "$.u"}""")]
    [InlineData("$.t >= timestamp($.u)", """{"Variable": "$.t", "TimestampGreaterThanEqualsPath": "$.u"}""")]
    // Type tests.
    [InlineData("isPresent($.x)", """{"Variable": "$.x", "IsPresent": true}""")]
    [InlineData("isNull($.x)", """{"Variable": "$.x", "IsNull": true}""")]
    [InlineData("isString($.x)", """{"Variable": "$.x", "IsString": true}""")]
    [InlineData("isNumeric($.x)", """{"Variable": "$.x", "IsNumeric": true}""")]
    [InlineData("isBoolean($.x)", """{"Variable": "$.x", "IsBoolean": true}""")]
    [InlineData("isTimestamp($.x)", """{"Variable": "$.x", "IsTimestamp": true}""")]
    [InlineData("isPresent($.x) == false", """{"Variable": "$.x", "IsPresent": false}""")]
    [InlineData("isPresent($.x) == true", """{"Variable": "$.x", "IsPresent": true}""")]
    [InlineData("isNull( $.x )==false", """{"Variable": "$.x", "IsNull": false}""")]
    [InlineData("isPresent($.x) != true", """{"Not": {"Variable": "$.x", "IsPresent": true}}""")]
    [InlineData("isPresent($.x) != false", """{"Not": {"Variable": "$.x", "IsPresent": false}}""")]
    // != is Not(==) in every family.
    [InlineData("$.s != 'x'", """{"Not": {"Variable": "$.s", "StringEquals": "x"}}""")]
    [InlineData("$.n != 1", """{"Not": {"Variable": "$.n", "NumericEquals": 1}}""")]
    [InlineData("$.b != true", """{"Not": {"Variable": "$.b", "BooleanEquals": true}}""")]
    [InlineData("$.t != timestamp($.u)", """{"Not": {"Variable": "$.t", "TimestampEqualsPath": "$.u"}}""")]
    public void Operator_InBothFamiliesAndForms_ParsesToTheAslOperator(string condition, string expected) => AssertParses(condition, expected);

    [Theory]
    // Wrappers around a literal force the family whatever the literal's JSON type.
    [InlineData("$.s == string(5)", """{"Variable": "$.s", "StringEquals": 5}""")]
    [InlineData("$.s == string('x')", """{"Variable": "$.s", "StringEquals": "x"}""")]
    [InlineData("$.s < string(true)", """{"Variable": "$.s", "StringLessThan": true}""")]
    [InlineData("$.s == string(null)", """{"Variable": "$.s", "StringEquals": null}""")]
    [InlineData("$.s matches string(1)", """{"Variable": "$.s", "StringMatches": 1}""")]
    [InlineData("$.n == number('5')", """{"Variable": "$.n", "NumericEquals": "5"}""")]
    [InlineData("$.n >= number([1, 'a', {}])", """{"Variable": "$.n", "NumericGreaterThanEquals": [1, "a", {}]}""")]
    [InlineData("$.b == boolean('x')", """{"Variable": "$.b", "BooleanEquals": "x"}""")]
    [InlineData("$.b == boolean({'a': [true, null], \"b\": -0})", """{"Variable": "$.b", "BooleanEquals": {"a": [true, null], "b": -0}}""")]
    [InlineData("$.t == timestamp(5)", """{"Variable": "$.t", "TimestampEquals": 5}""")]
    [InlineData("$.t == timestamp ( '2026' )", """{"Variable": "$.t", "TimestampEquals": "2026"}""")]
    // path('...') says "this raw text is the path", for variables that do not lex as one.
    [InlineData("path('status') == 'x'", """{"Variable": "status", "StringEquals": "x"}""")]
    [InlineData("path('$.a b') == 1", """{"Variable": "$.a b", "NumericEquals": 1}""")]
    [InlineData("path('') == 1", """{"Variable": "", "NumericEquals": 1}""")]
    [InlineData("isPresent(path('x'))", """{"Variable": "x", "IsPresent": true}""")]
    [InlineData("$.a == number(path('b c'))", """{"Variable": "$.a", "NumericEqualsPath": "b c"}""")]
    public void Wrapper_AroundLiteralOrPath_ForcesTheFamily(string condition, string expected) => AssertParses(condition, expected);

    [Theory]
    [InlineData("$")]
    [InlineData("$.a.b")]
    [InlineData("$['key with spaces']")]
    [InlineData("$[\"k\"]")]
    [InlineData("$.a[0]")]
    [InlineData("$.a[*]")]
    [InlineData("$.a[-1:]")]
    [InlineData("$..x")]
    [InlineData("$..[0]")]
    [InlineData("$.*")]
    [InlineData("$.a[?(@.price < 10)]")]
    [InlineData("$.a[?(@.name == ']' && @.b)].c")]
    [InlineData("$['a\\'b']")]
    [InlineData("$$.Execution.Input.x")]
    [InlineData("$$")]
    [InlineData("$myVar")]
    [InlineData("$myVar.field[0]")]
    [InlineData("$.detail-type")]
    [InlineData("$[0].error")]
    [InlineData("$.a[0][1]['x']")]
    public void Path_OfEveryForm_IsKeptExactlyAsWritten(string path)
    {
        AssertParses($"{path} == 1", $$"""{"Variable": {{JsonWriter.Write(JsonValue.String(path))}}, "NumericEquals": 1}""");
        AssertParses($"isPresent({path})", $$"""{"Variable": {{JsonWriter.Write(JsonValue.String(path))}}, "IsPresent": true}""");
        AssertParses($"$.x == string({path})", $$"""{"Variable": "$.x", "StringEqualsPath": {{JsonWriter.Write(JsonValue.String(path))}}}""");
    }

    [Theory]
    [InlineData(@"$.s == 'a\\b'", "a\\b")]
    [InlineData(@"$.s == 'it\'s'", "it's")]
    [InlineData(@"$.s == ""say \""hi\""""", "say \"hi\"")]
    [InlineData(@"$.s == 'a\nb\rc\td\be\ff\/g'", "a\nb\rc\td\be\ff/g")]
    [InlineData(@"$.s == '\u00e9\u0041'", "éA")]
    [InlineData(@"$.s == '\uD83D\uDE00'", "\U0001F600")]
    [InlineData("$.s == 'raw\ttab'", "raw\ttab")]
    [InlineData("$.s == \"it's\"", "it's")]
    [InlineData("$.s == ''", "")]
    public void StringLiteral_WithEscapes_DecodesToTheValue(string condition, string expected) =>
        AssertParses(condition, $$"""{"Variable": "$.s", "StringEquals": {{JsonWriter.Write(JsonValue.String(expected))}}}""");

    [Theory]
    [InlineData("{% $states.input.x > 1 %}")]
    [InlineData("  {% $x %}\n")]
    [InlineData("{%%}x%}")]
    [InlineData("{%%}")]
    public void Jsonata_InDelimiters_IsTheConditionTextExactlyAsGiven(string condition)
    {
        var result = ConditionParser.Parse(condition);
        Assert.Equal(new ChoiceRuleSpec { Condition = JsonValue.String(condition) }, result.Rule);
    }

    [Theory]
    [InlineData("isPresent($.a) && isPresent($.b) && isPresent($.c)",
        """{"And": [{"Variable": "$.a", "IsPresent": true}, {"Variable": "$.b", "IsPresent": true}, {"Variable": "$.c", "IsPresent": true}]}""")]
    [InlineData("isPresent($.a) || isPresent($.b) || isPresent($.c)",
        """{"Or": [{"Variable": "$.a", "IsPresent": true}, {"Variable": "$.b", "IsPresent": true}, {"Variable": "$.c", "IsPresent": true}]}""")]
    [InlineData("(isPresent($.a) && isPresent($.b)) && isPresent($.c)",
        """{"And": [{"And": [{"Variable": "$.a", "IsPresent": true}, {"Variable": "$.b", "IsPresent": true}]}, {"Variable": "$.c", "IsPresent": true}]}""")]
    [InlineData("isPresent($.a) && (isPresent($.b) && isPresent($.c))",
        """{"And": [{"Variable": "$.a", "IsPresent": true}, {"And": [{"Variable": "$.b", "IsPresent": true}, {"Variable": "$.c", "IsPresent": true}]}]}""")]
    [InlineData("isPresent($.a) && isPresent($.b) || isPresent($.c)",
        """{"Or": [{"And": [{"Variable": "$.a", "IsPresent": true}, {"Variable": "$.b", "IsPresent": true}]}, {"Variable": "$.c", "IsPresent": true}]}""")]
    [InlineData("isPresent($.a) || isPresent($.b) && isPresent($.c)",
        """{"Or": [{"Variable": "$.a", "IsPresent": true}, {"And": [{"Variable": "$.b", "IsPresent": true}, {"Variable": "$.c", "IsPresent": true}]}]}""")]
    [InlineData("(isPresent($.a) || isPresent($.b)) && isPresent($.c)",
        """{"And": [{"Or": [{"Variable": "$.a", "IsPresent": true}, {"Variable": "$.b", "IsPresent": true}]}, {"Variable": "$.c", "IsPresent": true}]}""")]
    [InlineData("!isPresent($.a) && isPresent($.b)",
        """{"And": [{"Not": {"Variable": "$.a", "IsPresent": true}}, {"Variable": "$.b", "IsPresent": true}]}""")]
    [InlineData("!(isPresent($.a) && isPresent($.b))",
        """{"Not": {"And": [{"Variable": "$.a", "IsPresent": true}, {"Variable": "$.b", "IsPresent": true}]}}""")]
    [InlineData("!!isPresent($.a)", """{"Not": {"Not": {"Variable": "$.a", "IsPresent": true}}}""")]
    [InlineData("!$.s == 'x'", """{"Not": {"Variable": "$.s", "StringEquals": "x"}}""")]
    [InlineData("!($.s != 'x')", """{"Not": {"Not": {"Variable": "$.s", "StringEquals": "x"}}}""")]
    [InlineData("!isPresent($.a) == false", """{"Not": {"Variable": "$.a", "IsPresent": false}}""")]
    [InlineData("((($.n > 1)))", """{"Variable": "$.n", "NumericGreaterThan": 1}""")]
    [InlineData("(isPresent($.a) && isPresent($.b) && isPresent($.c))",
        """{"And": [{"Variable": "$.a", "IsPresent": true}, {"Variable": "$.b", "IsPresent": true}, {"Variable": "$.c", "IsPresent": true}]}""")]
    [InlineData("and(isPresent($.a))", """{"And": [{"Variable": "$.a", "IsPresent": true}]}""")]
    [InlineData("or( isPresent($.a) )", """{"Or": [{"Variable": "$.a", "IsPresent": true}]}""")]
    [InlineData("and(isPresent($.a) && isPresent($.b))",
        """{"And": [{"And": [{"Variable": "$.a", "IsPresent": true}, {"Variable": "$.b", "IsPresent": true}]}]}""")]
    [InlineData("and(isPresent($.a)) && isPresent($.b)",
        """{"And": [{"And": [{"Variable": "$.a", "IsPresent": true}]}, {"Variable": "$.b", "IsPresent": true}]}""")]
    [InlineData("$.a==1&&$.b<2||!isNull($.c)",
        """{"Or": [{"And": [{"Variable": "$.a", "NumericEquals": 1}, {"Variable": "$.b", "NumericLessThan": 2}]}, {"Not": {"Variable": "$.c", "IsNull": true}}]}""")]
    [InlineData("\n  $.a == 1\n  && $.b == 'x'\n",
        """{"And": [{"Variable": "$.a", "NumericEquals": 1}, {"Variable": "$.b", "StringEquals": "x"}]}""")]
    public void Combinators_ByPrecedenceAndParentheses_KeepTheirStructure(string condition, string expected) => AssertParses(condition, expected);

    [Theory]
    [InlineData(null, 0, "no condition text")]
    [InlineData("", 0, "expected a condition at 0, such as $.status == 'OK' or isPresent($.x)")]
    [InlineData("   ", 3, "expected a condition at 3, such as")]
    [InlineData("$.a", 3, "expected an operator (==, !=, <, <=, >, >=, matches) after the path at 3: a path alone is not a condition; to test that it exists write isPresent($.a)")]
    [InlineData("$.a && $.b == 1", 4, "a path alone is not a condition")]
    [InlineData("$.a = 1", 4, "expected '==' at 4, found '='")]
    [InlineData("$.a ~ 1", 4, "expected an operator (==, !=, <, <=, >, >=, matches) after the path at 4, found '~'")]
    [InlineData("$.price > ", 10, "expected a literal or a typed path such as number($.limit) after '>' at 10")]
    [InlineData("$.price > $.limit", 10, "a path on the right needs its type at 10: write string($...), number($...), boolean($...) or timestamp($...)")]
    [InlineData("$.price > path('x')", 10, "a path on the right needs its type at 10")]
    [InlineData("$.price > limit", 10, "expected a literal or a typed path such as number($.limit) after '>' at 10, found 'limit'")]
    [InlineData("$.price > Number(1)", 10, "did you mean 'number'?")]
    [InlineData("$.x == null", 7, "null needs its type at 7: write string(null), number(null), boolean(null) or timestamp(null)")]
    [InlineData("$.x == [1]", 7, "a JSON array needs its type at 7")]
    [InlineData("$.x == {}", 7, "a JSON object needs its type at 7")]
    [InlineData("$.b < true", 4, "booleans can only be compared with == or != at 4")]
    [InlineData("$.b >= boolean($.c)", 4, "boolean paths can only be compared with == or != at 4")]
    [InlineData("$.s matches 5", 12, "'matches' needs a string pattern such as '*.csv' at 12")]
    [InlineData("$.s matches true", 12, "'matches' needs a string pattern such as '*.csv' at 12")]
    [InlineData("$.s matches number('5')", 12, "'matches' needs a string pattern at 12: only string(...) can wrap it")]
    [InlineData("$.s matches string($.p)", 12, "'matches' needs a literal pattern such as '*.csv' at 12: ASL has no StringMatchesPath")]
    [InlineData("$.s == 'abc", 7, "unterminated string starting at 7: close it with '")]
    [InlineData("$.s == \"abc\\\"", 7, "unterminated string starting at 7")]
    [InlineData(@"$.s == 'a\qb'", 9, @"unknown escape '\q' at 9")]
    [InlineData(@"$.s == '\u12'", 8, @"expected four hex digits after \u at 8")]
    [InlineData("$.n == 01", 7, "'01' is not a number at 7")]
    [InlineData("$.n == 1.", 7, "'1.' is not a number at 7")]
    [InlineData("$.n == 1.5.2", 7, "'1.5.2' is not a number at 7")]
    [InlineData("$.n == -", 7, "'-' is not a number at 7")]
    [InlineData("$.n == 12abc", 7, "'12abc' is not a number at 7")]
    [InlineData("$.n == 1-2", 7, "'1-2' is not a number at 7: a timestamp is a quoted string")]
    [InlineData("$.t < timestamp(2026-01-01)", 16, "'2026-01-01' is not a number at 16: a timestamp is a quoted string, for example timestamp('2026-01-01T00:00:00Z')")]
    [InlineData("$.t < 2026-01-01T00:00:00Z", 6, "'2026-01-01T00:00:00Z' is not a number at 6: a timestamp is a quoted string")]
    [InlineData("$.n == +1", 7, "expected a literal or a typed path such as number($.limit) after '==' at 7")]
    [InlineData("$.n == number(", 14, "expected a literal (a string, number, true, false, null, [...] or {...}) inside number( at 14")]
    [InlineData("$.n == number(1", 15, "expected ')' at 15 to close 'number(' at 7, found the end of the condition")]
    [InlineData("$.n == number 1", 14, "expected '(' after 'number' at 14")]
    [InlineData("$.n == number(string(1))", 14, "expected a literal or a path inside number( at 14: wrappers do not nest")]
    [InlineData("$.n == number([1 2])", 17, "expected ',' or ']' in the array at 17")]
    [InlineData("$.n == number({a: 1})", 15, "expected a quoted member name in the object at 15")]
    [InlineData("$.n == number({'a' 1})", 19, "expected ':' at 19 after the member name, found '1'")]
    [InlineData("$.n == number({'a': 1 'b': 2})", 22, "expected ',' or '}' in the object at 22")]
    [InlineData("$.n == number(nope)", 14, "found 'nope'")]
    [InlineData("$.a[0", 3, "unclosed '[' in the path at 3")]
    [InlineData("$.a['x]'", 3, "unclosed '[' in the path at 3")]
    [InlineData("$. == 1", 2, "expected a member name after '.' in the path at 2")]
    [InlineData("$.a..", 5, "expected a member name after '..' in the path at 5")]
    [InlineData("isPresent $.x", 10, "expected '(' after 'isPresent' at 10")]
    [InlineData("isPresent()", 10, "expected a path such as $.x or path('...') inside isPresent( at 10")]
    [InlineData("isPresent('x')", 10, "expected a path such as $.x or path('...') inside isPresent( at 10")]
    [InlineData("isPresent($.x", 13, "expected ')' at 13 to close 'isPresent(' at 0, found the end of the condition")]
    [InlineData("isPresent($.x) == 1", 18, "expected true or false after '==' at 18: isPresent(...) is a test, compare it only with true or false")]
    [InlineData("isPresent($.x) < true", 15, "isPresent(...) is a test at 15: compare it only with == true or == false")]
    [InlineData("IsPresent($.x)", 0, "unknown word 'IsPresent' at 0: did you mean 'isPresent'?")]
    [InlineData("exists($.x)", 0, "unknown word 'exists' at 0: expected a path ($...), a test such as isPresent($.x), '!' or '('")]
    [InlineData("not isPresent($.x)", 0, "unknown word 'not' at 0: write '!' for not")]
    [InlineData("isPresent($.a) AND isPresent($.b)", 15, "expected '&&', '||' or the end of the condition at 15, found 'AND': write '&&'")]
    [InlineData("$.a == 1 or $.b == 2", 9, "found 'or': write '||'")]
    [InlineData("$.a == 1 xor $.b == 2", 9, "found 'xor'")]
    [InlineData("path(status) == 1", 5, "expected a quoted string inside path( at 5, for example path('status')")]
    [InlineData("path('status' == 1", 14, "expected ')' at 14 to close 'path(' at 0, found '='")]
    [InlineData("path == 1", 5, "expected '(' after 'path' at 5")]
    [InlineData("'x' == $.s", 0, "found a literal: a comparison starts with the path, for example $.x == 'value'")]
    [InlineData("true == $.b", 0, "found 'true': a comparison starts with the path, for example $.x == true")]
    [InlineData("== 1", 0, "expected a path before '=' at 0")]
    [InlineData("isPresent($.a) &&", 17, "expected a condition after '&&' at 17")]
    [InlineData("isPresent($.a) || ", 18, "expected a condition after '||' at 18")]
    [InlineData("!", 1, "expected a condition after '!' at 1")]
    [InlineData("()", 1, "expected a condition after '(' at 1, found ')'")]
    [InlineData("(isPresent($.a)", 15, "expected ')' at 15 to close the '(' at 0, found the end of the condition")]
    [InlineData("isPresent($.a))", 14, "unexpected ')' at 14: there is no '(' to close")]
    [InlineData("isPresent($.a) & isPresent($.b)", 15, "unexpected '&' at 15: write '&&'")]
    [InlineData("isPresent($.a) | isPresent($.b)", 15, "unexpected '|' at 15: write '||'")]
    [InlineData("$.a == 1 2", 9, "expected '&&', '||' or the end of the condition at 9, found '2'")]
    [InlineData("and isPresent($.a)", 4, "expected '(' after 'and' at 4: combine conditions with &&; and(...) wraps a single condition")]
    [InlineData("or()", 3, "expected a condition inside or( at 3")]
    [InlineData("and(isPresent($.a), isPresent($.b))", 18, "and(...) takes one condition, found ',' at 18: combine several with &&")]
    [InlineData("{%}", 0, "found '{'")]
    [InlineData("$.a == 1 {% x %}", 9, "found '{'")]
    public void Error_InBadCondition_SaysWhatWasExpectedAndWhere(string? condition, int offset, string message)
    {
        var result = ConditionParser.Parse(condition!);
        Assert.Null(result.Rule);
        Assert.False(result.Success);
        Assert.Contains(message, result.Error);
        Assert.Equal(offset, result.ErrorOffset);
    }

    [Fact]
    public void Nesting_BeyondTheLimit_IsAnErrorNotAStackOverflow()
    {
        var deep = new string('(', 100_000) + "isPresent($.a)" + new string(')', 100_000);
        var result = ConditionParser.Parse(deep);
        Assert.Null(result.Rule);
        Assert.Contains("nests more than 200 levels", result.Error);
        Assert.Equal(200, result.ErrorOffset);

        var bangs = ConditionParser.Parse(new string('!', 100_000) + "isPresent($.a)");
        Assert.Contains("nests more than 200 levels", bangs.Error);

        var literal = ConditionParser.Parse("$.a == string(" + new string('[', 100_000) + ")");
        Assert.Contains("the literal nests deeper than 64 levels", literal.Error);
    }

    [Fact]
    public void Nesting_AtTheLimit_Parses()
    {
        var text = new string('(', 200) + "isPresent($.a)" + new string(')', 200);
        Assert.Equal(RuleJson.Parse("""{"Variable": "$.a", "IsPresent": true}"""), ConditionParser.Parse(text).Rule);
    }

    [Fact]
    public void Jsonata_Rule_HasOnlyACondition()
    {
        var rule = ConditionParser.Parse("{% $x %}").Rule!;
        Assert.Null(rule.Variable);
        Assert.Null(rule.Operator);
        Assert.Null(rule.Next);
        Assert.True(rule.Extras.IsEmpty);
    }
}
