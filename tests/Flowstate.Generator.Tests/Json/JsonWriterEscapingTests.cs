using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Flowstate.Core.Json;
using JsonProperty = Flowstate.Core.Json.JsonProperty;

namespace Flowstate.Generator.Tests.Json;

/// <summary>
/// JsonWriter's string escaping, checked against System.Text.Json. The rules: '"' and '\' are
/// escaped; the seven control characters with a short form use it (\b \t \n \f \r), the other
/// control characters U+0000..U+001F are \u00xx (lowercase hex); everything else, DEL, non-ASCII and
/// surrogate pairs included, is written as is. A lone surrogate (a high one not followed by a low
/// one, or a low one not preceded by a high one) is written as a \uXXXX escape: the output then
/// never contains an unpaired surrogate character, so it can always be encoded as UTF-8, and our
/// reader reads the escape back to the same UTF-16 code unit. System.Text.Json parses such a
/// document but refuses to materialize the string (GetString throws InvalidOperationException);
/// that is STJ's policy for ill-formed UTF-16, and the tests below pin both behaviours.
/// </summary>
public class JsonWriterEscapingTests
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Theory arguments are labels into this table: xunit serializes arguments for discovery, and
    // the strings under test must reach the test exactly as written here.
    private static readonly Dictionary<string, string> WellFormed = BuildWellFormed();

    public static TheoryData<string> WellFormedStrings() => new(WellFormed.Keys);

    private static Dictionary<string, string> BuildWellFormed()
    {
        var data = new Dictionary<string, string>
        {
            { "empty", "" },
            { "plain", "Hello, world" },
            { "quote", "say \"hi\"" },
            { "backslash", @"C:\path\to\file" },
            { "slash", "a/b</script>" },
            { "DEL", "a\u007Fb" },
            { "C1 control", "\u0080\u0085\u009F" },
            { "latin", "café naïve Øresund" },
            { "CJK", "日本語のテキスト" },
            { "RTL", "שלום مرحبا" },
            { "line separators", "a\u2028b\u2029c" },
            { "BOM and noncharacters", "\uFEFF\uFFFE\uFFFF" },
            { "emoji", "😀" },
            { "emoji sequence", "👩‍👩‍👧‍👦 🇫🇷 👍🏽" },
            { "astral math", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢" },
            { "escaped-looking", "\\u0041 \\n" },
            { "JSONata", "{% $states.input.\"x\" %}" },
        };
        for (var c = 0; c < 0x20; c++)
            data.Add($"control U+{c:X4}", $"x{(char)c}y");
        data.Add("all controls", new string(Enumerable.Range(0, 0x20).Select(i => (char)i).ToArray()));
        return data;
    }

    [Theory]
    [MemberData(nameof(WellFormedStrings))]
    public void WellFormedString_Quoted_ParsesBackToSameStringInSystemTextJson(string label)
    {
        var value = WellFormed[label];
        var quoted = JsonWriter.Quote(value);

        using var doc = JsonDocument.Parse(quoted);

        Assert.Equal(JsonValueKind.String, doc.RootElement.ValueKind);
        Assert.Equal(value, doc.RootElement.GetString());
    }

    [Theory]
    [MemberData(nameof(WellFormedStrings))]
    public void WellFormedString_Quoted_ParsesBackToSameStringInOurReader(string label)
    {
        var value = WellFormed[label];
        var parsed = JsonReader.Parse(JsonWriter.Quote(value));

        Assert.True(parsed.Success, parsed.Error);
        Assert.Equal(JsonKind.String, parsed.Value!.Kind);
        Assert.Equal(value, parsed.Value.Text);
    }

    [Theory]
    [MemberData(nameof(WellFormedStrings))]
    public void AnyString_Quoted_HasNoRawControlCharacter(string label)
    {
        var value = WellFormed[label];
        var quoted = JsonWriter.Quote(value);

        Assert.DoesNotContain(quoted, c => c < 0x20);
    }

    [Theory]
    [InlineData("\"", "\\\"")]
    [InlineData("\\", "\\\\")]
    [InlineData("\b", "\\b")]
    [InlineData("\t", "\\t")]
    [InlineData("\n", "\\n")]
    [InlineData("\f", "\\f")]
    [InlineData("\r", "\\r")]
    [InlineData("\u0000", "\\u0000")]
    [InlineData("\u0001", "\\u0001")]
    [InlineData("\u001F", "\\u001f")]
    [InlineData("\u000B", "\\u000b")]
    [InlineData("/", "/")]
    [InlineData("\u007F", "\u007F")]
    [InlineData("é", "é")]
    [InlineData("\u2028", "\u2028")]
    [InlineData("😀", "😀")]
    public void Character_Quoted_UsesTheDocumentedForm(string value, string expectedInsideQuotes)
    {
        Assert.Equal("\"" + expectedInsideQuotes + "\"", JsonWriter.Quote(value));
    }

    // Looked up by label: xunit serializes theory arguments as UTF-8 for discovery, which would
    // turn a lone surrogate into U+FFFD before the test ever saw it.
    private static readonly Dictionary<string, (string Value, string Expected)> LoneSurrogateCases = new()
    {
        ["lone high"] = ("a\uD800b", "\"a\\ud800b\""),
        ["lone high at end"] = ("a\uDBFF", "\"a\\udbff\""),
        ["lone low"] = ("a\uDC00b", "\"a\\udc00b\""),
        ["lone low at start"] = ("\uDFFFz", "\"\\udfffz\""),
        ["reversed pair"] = ("\uDE00\uD83D", "\"\\ude00\\ud83d\""),
        ["two highs then low"] = ("\uD800\uD83D\uDE00", "\"\\ud800😀\""),
        ["pair then lone low"] = ("😀\uDE00", "\"😀\\ude00\""),
    };

    public static TheoryData<string> LoneSurrogates() => new(LoneSurrogateCases.Keys);

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public void LoneSurrogate_Quoted_IsWrittenAsLowercaseEscape(string label)
    {
        var (value, expected) = LoneSurrogateCases[label];

        Assert.Equal(expected, JsonWriter.Quote(value));
    }

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public void LoneSurrogate_Quoted_ReadsBackToSameCodeUnitsInOurReader(string label)
    {
        var (value, _) = LoneSurrogateCases[label];

        var parsed = JsonReader.Parse(JsonWriter.Quote(value));

        Assert.True(parsed.Success, parsed.Error);
        Assert.Equal(value, parsed.Value!.Text);
    }

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public void LoneSurrogate_Quoted_IsValidJsonForSystemTextJsonWhichRefusesTheString(string label)
    {
        var quoted = JsonWriter.Quote(LoneSurrogateCases[label].Value);

        using var doc = JsonDocument.Parse(quoted); // the document itself is valid JSON

        Assert.Equal(quoted, doc.RootElement.GetRawText());
        Assert.Throws<InvalidOperationException>(() => doc.RootElement.GetString());
    }

    [Property(MaxTest = 500)]
    public Property ArbitraryUtf16_Quoted_ReadsBackInOurReaderAndEncodesAsStrictUtf8() =>
        Prop.ForAll(Arb.From(Utf16Units()), value =>
        {
            var quoted = JsonWriter.Quote(value);
            StrictUtf8.GetBytes(quoted); // throws on an unpaired surrogate
            var parsed = JsonReader.Parse(quoted);
            return parsed.Success && parsed.Value!.Text == value;
        });

    [Property(MaxTest = 500)]
    public Property WellFormedUtf16_Quoted_ParsesBackInSystemTextJson() =>
        Prop.ForAll(Arb.From(Utf16Units().Where(IsWellFormedUtf16)), value =>
        {
            using var doc = JsonDocument.Parse(JsonWriter.Quote(value));
            return doc.RootElement.GetString() == value;
        });

    [Fact]
    public void ObjectMemberName_WithSpecialCharacters_IsEscapedLikeAString()
    {
        var obj = JsonValue.Object(new[] { new JsonProperty("a\"b\n\uD800", JsonValue.Number("1")) });

        Assert.Equal("{\"a\\\"b\\n\\ud800\":1}", JsonWriter.Write(obj, indented: false));
    }

    // Strings biased towards the interesting code units: controls, quote, backslash, DEL, both
    // surrogate halves (paired and unpaired), BMP and astral characters.
    internal static Gen<string> Utf16Units()
    {
        var unit = Gen.Frequency(
            (4, Gen.Choose(0x20, 0x7E).Select(i => (char)i)),
            (2, Gen.Choose(0, 0x1F).Select(i => (char)i)),
            (1, Gen.Elements('"', '\\', '/', '\u007F', '\u2028', '\uFEFF')),
            (2, Gen.Choose(0xD800, 0xDFFF).Select(i => (char)i)),
            (2, Gen.Choose(0x80, 0xFFFF).Select(i => (char)i)));
        var astral = Gen.Choose(0x10000, 0x10FFFF).Select(char.ConvertFromUtf32);
        var piece = Gen.Frequency((5, unit.Select(c => c.ToString())), (1, astral));
        return Gen.ListOf(piece).Select(pieces => string.Concat(pieces));
    }

    internal static bool IsWellFormedUtf16(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(s[i])) return false;
        }
        return true;
    }
}
