using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Flowstate.Core.Json;
using Flowstate.Generator.Tests.Support;

using JsonEquivalence = Flowstate.Tests.Shared.JsonEquivalence;
using Flowstate.Tests.Shared;

namespace Flowstate.Generator.Tests.Json;

public class JsonEquivalenceTests
{
    private static JsonValue J(string json)
    {
        var result = JsonReader.Parse(json);
        Assert.True(result.Success, result.Error);
        return result.Value!;
    }

    [Theory]
    [InlineData("{\"a\":1,\"b\":2}", "{\"b\":2,\"a\":1}")]
    [InlineData("{\"a\":1,\"a\":2}", "{\"a\":2,\"a\":1}")]
    [InlineData("{\"a\":1,\"b\":{\"x\":[1,2],\"y\":null}}", "{\"b\":{\"y\":null,\"x\":[1,2]},\"a\":1}")]
    [InlineData("2", "2.0")]
    [InlineData("2", "2e0")]
    [InlineData("2", "20E-1")]
    [InlineData("2", "0.2e+1")]
    [InlineData("0", "-0")]
    [InlineData("0", "0.000e999")]
    [InlineData("-1.50", "-15e-1")]
    [InlineData("123456789012345678901234567890", "1.2345678901234567890123456789e29")]
    [InlineData("1e400", "10e399")]
    [InlineData("[true,false,null]", "[true,false,null]")]
    [InlineData("\"é\"", "\"\\u00e9\"")]
    public void EquivalentValues_Compare_AreEquivalent(string a, string b)
    {
        Assert.True(JsonEquivalence.Equivalent(J(a), J(b), out var difference), difference);
        Assert.Equal("", difference);
        Assert.True(JsonEquivalence.Equivalent(J(b), J(a), out _));
    }

    [Theory]
    [InlineData("{\"States\":{\"Load\":{\"Retry\":[{\"BackoffRate\":2}]}}}", "{\"States\":{\"Load\":{\"Retry\":[{\"BackoffRate\":\"2\"}]}}}", "/States/Load/Retry/0/BackoffRate: 2 vs \"2\"")]
    [InlineData("{\"a\":1}", "{\"a\":1,\"b\":2}", "/b: missing in the first, 2 in the second")]
    [InlineData("{\"a\":1,\"b\":2}", "{\"a\":1}", "/b: 2 in the first, missing in the second")]
    [InlineData("{\"a\":1,\"a\":1}", "{\"a\":1}", "/a: key present 2 times in the first and 1 times in the second")]
    [InlineData("{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":1}", "/a (duplicate key, occurrence 2 of 2): 2 has no equivalent among the second's values 1, 1")]
    [InlineData("[1,2]", "[2,1]", "/0: 1 vs 2")]
    [InlineData("[1,2]", "[1,2,3]", "(root): an array of 2 items vs one of 3: [1,2] vs [1,2,3]")]
    [InlineData("2", "2.000000000000000000000001", "(root): 2 vs 2.000000000000000000000001")]
    [InlineData("9007199254740993", "9007199254740992", "(root): 9007199254740993 vs 9007199254740992")]
    [InlineData("1e400", "1e401", "(root): 1e400 vs 1e401")]
    [InlineData("true", "false", "(root): true vs false")]
    [InlineData("null", "false", "(root): null vs false")]
    [InlineData("\"a\"", "\"A\"", "(root): \"a\" vs \"A\"")]
    [InlineData("{}", "[]", "(root): {} vs []")]
    [InlineData("{\"a/b\":{\"c~d\":1}}", "{\"a/b\":{\"c~d\":2}}", "/a~1b/c~0d: 1 vs 2")]
    public void DifferentValues_Compare_ReportJsonPointerAndBothValues(string a, string b, string expected)
    {
        Assert.False(JsonEquivalence.Equivalent(J(a), J(b), out var difference));
        Assert.Equal(expected, difference);
    }

    [Fact]
    public void LongValues_InTheMessage_AreTruncated()
    {
        var big = "[" + string.Join(",", Enumerable.Range(0, 200)) + "]";

        JsonEquivalence.Equivalent(J(big), J("{}"), out var difference);

        Assert.True(difference.Length < 300, difference);
        Assert.Contains("...", difference);
    }

    [Fact]
    public void AssertEquivalent_OnDifference_FailsWithContextAndPointer()
    {
        var ex = Assert.ThrowsAny<Exception>(() => JsonEquivalence.AssertEquivalent(J("{\"a\":[1]}"), J("{\"a\":[2]}"), "file.json"));

        Assert.Contains("file.json: JSON differs at /a/0: 1 vs 2", ex.Message);
    }

    [Theory]
    [InlineData("1", "1.0", true)]
    [InlineData("1", "1.1", false)]
    [InlineData("-0.0", "0", true)]
    [InlineData("1E+2", "100", true)]
    [InlineData("100", "1e2", true)]
    [InlineData("-100", "1e2", false)]
    [InlineData("0.001", "1e-3", true)]
    [InlineData("12e-1", "1.2", true)]
    public void NumbersEqual_Lexemes_CompareByExactValue(string a, string b, bool expected)
    {
        Assert.Equal(expected, JsonEquivalence.NumbersEqual(a, b));
    }

    [Property(MaxTest = 200, EndSize = 40)]
    public Property RandomDom_ComparedWithItself_IsEquivalent() =>
        Prop.ForAll(Arb.From(JsonGenerators.Value(wellFormedStrings: false)), v => JsonEquivalence.Equivalent(v, v, out _));

    [Property(MaxTest = 200, EndSize = 40)]
    public Property RandomDom_WithObjectMembersReversed_IsEquivalent() =>
        Prop.ForAll(Arb.From(JsonGenerators.Value(wellFormedStrings: false)), v => JsonEquivalence.Equivalent(v, ReverseMembers(v), out _));

    [Property(MaxTest = 200)]
    public Property RandomNumbers_Equivalence_AgreesWithDecimalWhereDecimalIsExact() =>
        Prop.ForAll(Arb.From(JsonGenerators.NumberLexeme()), Arb.From(JsonGenerators.NumberLexeme()), (a, b) =>
        {
            var styles = System.Globalization.NumberStyles.Float;
            var culture = System.Globalization.CultureInfo.InvariantCulture;
            // Only lexemes short enough for decimal to hold exactly give an independent oracle.
            var exact = a.Length < 25 && b.Length < 20 && !a.Contains('e') && !a.Contains('E') && !b.Contains('e') && !b.Contains('E');
            if (!exact || !decimal.TryParse(a, styles, culture, out var da) || !decimal.TryParse(b, styles, culture, out var db))
                return true;
            var padded = a.Contains('.') ? a + "0" : a + ".0";
            return JsonEquivalence.NumbersEqual(a, b) == (da == db) && JsonEquivalence.NumbersEqual(a, padded);
        });

    [Property(MaxTest = 300)]
    public Property RandomNumber_RewrittenWithoutFraction_IsEquivalentButNotWhenScaled() =>
        Prop.ForAll(Arb.From(JsonGenerators.NumberLexeme()), lexeme =>
        {
            // "-12.5e3" -> "-125e2": same value, different lexeme; "-125e3" is ten times larger.
            var e = lexeme.IndexOfAny(new[] { 'e', 'E' });
            var mantissa = e < 0 ? lexeme : lexeme[..e];
            var exponent = e < 0 ? 0 : int.Parse(lexeme[(e + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            var dot = mantissa.IndexOf('.');
            var fractionLength = dot < 0 ? 0 : mantissa.Length - dot - 1;
            var digits = mantissa.Replace(".", "");
            var sameValue = $"{digits}e{exponent - fractionLength}";
            var scaled = $"{digits}e{exponent - fractionLength + 1}";
            var isZero = digits.TrimStart('-').All(c => c == '0');
            return JsonEquivalence.NumbersEqual(lexeme, sameValue)
                && JsonEquivalence.NumbersEqual(lexeme, scaled) == isZero;
        });

    private static JsonValue ReverseMembers(JsonValue v) => v.Kind switch
    {
        JsonKind.Object => JsonValue.Object(v.Properties.Reverse().Select(p => new Flowstate.Core.Json.JsonProperty(p.Name, ReverseMembers(p.Value)))),
        JsonKind.Array => JsonValue.Array(v.Items.Select(ReverseMembers)),
        _ => v,
    };
}
