using System.Text.Json;
using Flowstate.Core.Json;
using Flowstate.Generator.Tests.Asl;
using JsonValue = Flowstate.Core.Json.JsonValue;

namespace Flowstate.Generator.Tests.Json;

public class JsonReaderTests
{
    [Fact]
    public void DuplicateKeys_Parse_KeepsEveryMemberInOrder()
    {
        var value = JsonReader.Parse("{\"a\": 1, \"b\": 2, \"a\": 3}").Value!;

        Assert.Equal(new[] { "a", "b", "a" }, value.Properties.Select(p => p.Name));
        Assert.Equal(new[] { "1", "2", "3" }, value.Properties.Select(p => p.Value.Text));
        Assert.Equal("1", value["a"]!.Text); // the indexer finds the first
    }

    [Theory]
    [InlineData("2")]
    [InlineData("2.0")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("1E5")]
    [InlineData("1e+5")]
    [InlineData("1.50e-07")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("0.1000000000000000055511151231257827")]
    [InlineData("1e400")]
    public void Number_Parse_KeepsLexemeAsWritten(string lexeme)
    {
        var value = JsonReader.Parse($"[{lexeme}]").Value!.Items[0];

        Assert.Equal(JsonKind.Number, value.Kind);
        Assert.Equal(lexeme, value.Text);
        Assert.Equal(lexeme, JsonWriter.Write(value));
    }

    [Theory]
    [InlineData("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t")]
    [InlineData("\"\\u0041\\u00e9\\u00E9\"", "Aéé")]
    [InlineData("\"\\ud83d\\ude00\"", "😀")]
    [InlineData("\"😀\"", "😀")]
    [InlineData("\"\\u0000\"", "\0")]
    public void Escapes_Parse_Decode(string json, string expected)
    {
        Assert.Equal(expected, JsonReader.Parse(json).Value!.Text);
    }

    [Fact]
    public void LoneSurrogateEscape_Parse_KeepsTheCodeUnit()
    {
        Assert.Equal("a\uD800", JsonReader.Parse("\"a\\ud800\"").Value!.Text);
        Assert.Equal("\uDC00", JsonReader.Parse("\"\\uDC00\"").Value!.Text);
    }

    [Fact]
    public void Whitespace_AllFourKinds_AreAccepted()
    {
        var result = JsonReader.Parse(" \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n[ \t\r\n1 \t\r\n, \t\r\n2 \t\r\n] \t\r\n} \t\r\n");

        Assert.True(result.Success, result.Error);
    }

    [Fact]
    public void Offsets_OfValuesAndKeys_PointAtTheirFirstCharacterAndSpanThem()
    {
        //                     0         1         2         3         4
        //                     0123456789012345678901234567890123456789012345
        const string text = "{ \"a\" : [1, \"x\\n\"], \"\\u0062\":null, \"c\":-2.5 }";
        var root = JsonReader.Parse(text).Value!;

        Assert.Equal((0, text.Length), (root.Offset, root.Length));
        var a = root.Properties[0];
        Assert.Equal((2, 3), (a.NameOffset, a.NameLength));
        Assert.Equal("[1, \"x\\n\"]", Span(text, a.Value));
        Assert.Equal("1", Span(text, a.Value.Items[0]));
        Assert.Equal("\"x\\n\"", Span(text, a.Value.Items[1]));
        var b = root.Properties[1];
        Assert.Equal("b", b.Name);
        Assert.Equal("\"\\u0062\"", text.Substring(b.NameOffset, b.NameLength));
        Assert.Equal("null", Span(text, b.Value));
        var c = root.Properties[2];
        Assert.Equal("\"c\"", text.Substring(c.NameOffset, c.NameLength));
        Assert.Equal("-2.5", Span(text, c.Value));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("{\"k\":{\"k\":[true,false]}}")]
    public void Literals_Parse_SpanExactlyTheirText(string json)
    {
        var text = "  " + json + "  ";
        var value = JsonReader.Parse(text).Value!;

        Assert.Equal(json, Span(text, value));
    }

    [Fact]
    public void Equality_IgnoresOffsets()
    {
        var a = JsonReader.Parse("{\"a\":[1,2]}").Value!;
        var b = JsonReader.Parse("  {  \"a\" : [ 1 , 2 ] }").Value!;

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Equality_DistinguishesLexemesAndMemberOrder()
    {
        Assert.NotEqual(JsonReader.Parse("2").Value, JsonReader.Parse("2.0").Value);
        Assert.NotEqual(JsonReader.Parse("{\"a\":1,\"b\":2}").Value, JsonReader.Parse("{\"b\":2,\"a\":1}").Value);
    }

    [Fact]
    public void DeepButAllowedNesting_Parse_AgreesWithSystemTextJson()
    {
        var text = string.Concat(Enumerable.Repeat("{\"a\":[", 60)) + "1" + string.Concat(Enumerable.Repeat("]}", 60));

        using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 200 });

        Assert.Null(StjComparison.Difference(JsonReader.Parse(text).Value!, doc.RootElement));
    }

    [Theory]
    [MemberData(nameof(Corpus.Files), MemberType = typeof(Corpus))]
    public void CorpusFile_Parse_AgreesWithSystemTextJson(string fileName)
    {
        var text = Corpus.Read(fileName);

        var ours = JsonReader.Parse(text);
        using var theirs = JsonDocument.Parse(text);

        Assert.True(ours.Success, ours.Error);
        Assert.Null(StjComparison.Difference(ours.Value!, theirs.RootElement));
    }

    [Theory]
    [MemberData(nameof(Corpus.Files), MemberType = typeof(Corpus))]
    public void CorpusFile_OffsetsOfEveryValue_SpanTextThatParsesToIt(string fileName)
    {
        var text = Corpus.Read(fileName);
        var root = JsonReader.Parse(text).Value!;

        foreach (var (value, nameOffset, nameLength, name) in Walk(root))
        {
            Assert.Equal(value, JsonReader.Parse(Span(text, value)).Value);
            if (name is not null)
                Assert.Equal(name, JsonReader.Parse(text.Substring(nameOffset, nameLength)).Value!.Text);
        }
    }

    [Theory]
    [InlineData("7", true, 7L)]
    [InlineData("-7", true, -7L)]
    [InlineData("7.0", true, 7L)]
    [InlineData("7e2", true, 700L)]
    [InlineData("7.5", false, 0L)]
    [InlineData("9007199254740993", true, 9007199254740993L)]
    [InlineData("9223372036854775807", true, long.MaxValue)]
    [InlineData("-9223372036854775808", true, long.MinValue)]
    [InlineData("9223372036854775808", false, 0L)]
    [InlineData("9.223372036854775808e18", false, 0L)]
    [InlineData("1e400", false, 0L)]
    public void TryGetInt64_Lexeme_IsExact(string lexeme, bool expected, long expectedValue)
    {
        var ok = JsonValue.Number(lexeme).TryGetInt64(out var value);

        Assert.Equal(expected, ok);
        Assert.Equal(expectedValue, value);
    }

    internal static string Span(string text, JsonValue value) => text.Substring(value.Offset, value.Length);

    private static IEnumerable<(JsonValue Value, int NameOffset, int NameLength, string? Name)> Walk(JsonValue value)
    {
        yield return (value, -1, 0, null);
        foreach (var item in value.Items)
            foreach (var x in Walk(item)) yield return x;
        foreach (var p in value.Properties)
        {
            yield return (p.Value, p.NameOffset, p.NameLength, p.Name);
            foreach (var x in Walk(p.Value).Skip(1)) yield return x;
        }
    }
}
