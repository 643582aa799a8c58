using System.Text.Json;
using Flowstate.Core.Json;

namespace Flowstate.Generator.Tests.Json;

/// <summary>
/// Invalid input never throws: it gives a message saying what is wrong and the offset where it
/// is. Every input here is also checked to be rejected by System.Text.Json, so the table cannot
/// drift into testing valid JSON.
/// </summary>
public class JsonReaderErrorTests
{
    // label -> (input, expected message, expected offset). Labels keep odd characters out of the
    // serialized theory arguments.
    private static readonly Dictionary<string, (string Input, string Message, int Offset)> Cases = new()
    {
        ["empty text"] = ("", "unexpected end of text, expected a value", 0),
        ["only whitespace"] = (" \t\r\n", "unexpected end of text, expected a value", 4),
        ["object not closed"] = ("{", "unterminated object, expected a member name", 0),
        ["object after name"] = ("{\"a\"", "unterminated object, expected ':'", 0),
        ["object after colon"] = ("{\"a\":", "unexpected end of text, expected a value", 5),
        ["object after value"] = ("{\"a\":1", "unterminated object, expected ',' or '}'", 0),
        ["object after comma"] = ("{\"a\":1,", "unterminated object, expected a member name", 0),
        ["nested object not closed"] = ("{\"a\":{\"b\":1}", "unterminated object, expected ',' or '}'", 0),
        ["object trailing comma"] = ("{\"a\":1,}", "trailing comma in object, expected a member name", 7),
        ["object unquoted name"] = ("{a:1}", "unexpected 'a', expected a member name in double quotes", 1),
        ["object single-quoted name"] = ("{'a':1}", "unexpected \"'\", expected a member name in double quotes", 1),
        ["object missing colon"] = ("{\"a\" 1}", "expected ':' after member name \"a\"", 5),
        ["object missing comma"] = ("{\"a\":1 \"b\":2}", "unexpected '\"' in object, expected ',' or '}'", 7),
        ["object closed by bracket"] = ("{\"a\":1]", "unexpected ']' in object, expected ',' or '}'", 6),
        ["array not closed"] = ("[", "unterminated array, expected a value", 0),
        ["array after value"] = ("[1", "unterminated array, expected ',' or ']'", 0),
        ["array after comma"] = ("[1,", "unterminated array, expected a value", 0),
        ["array trailing comma"] = ("[1,]", "trailing comma in array, expected a value", 3),
        ["array leading comma"] = ("[,1]", "unexpected ',', expected a value", 1),
        ["array missing comma"] = ("[1 2]", "unexpected '2' in array, expected ',' or ']'", 3),
        ["array closed by brace"] = ("[1}", "unexpected '}' in array, expected ',' or ']'", 2),
        ["string not closed"] = ("\"abc", "unterminated string", 0),
        ["string not closed after escape"] = ("\"ab\\", "unterminated string", 0),
        ["string name not closed"] = ("{\"ab", "unterminated string", 1),
        ["string raw newline"] = ("\"a\nb\"", "character U+000A must be escaped in a string", 2),
        ["string raw tab"] = ("[\"a\tb\"]", "character U+0009 must be escaped in a string", 3),
        ["string raw NUL"] = ("\"\u0000\"", "character U+0000 must be escaped in a string", 1),
        ["string bad escape"] = ("\"a\\x\"", "invalid escape '\\x'", 2),
        ["string escaped single quote"] = ("\"\\'\"", "invalid escape '\\''", 1),
        ["string escape then control"] = ("\"\\\u0001\"", "invalid escape: backslash followed by character U+0001", 1),
        ["string short unicode escape"] = ("\"\\u12\"", "invalid \\u escape: expected four hex digits", 1),
        ["string non-hex unicode escape"] = ("\"\\u12G4\"", "invalid \\u escape: expected four hex digits", 1),
        ["string unicode escape at end"] = ("\"\\u00", "invalid \\u escape: expected four hex digits", 1),
        ["string single-quoted"] = ("'a'", "unexpected \"'\", expected a value", 0),
        ["literal truncated"] = ("tru", "invalid literal, expected 'true'", 0),
        ["literal misspelled"] = ("[fals]", "invalid literal, expected 'false'", 1),
        ["literal null truncated"] = ("{\"a\":nul", "invalid literal, expected 'null'", 5),
        ["literal capitalised"] = ("True", "unexpected 'T', expected a value", 0),
        ["literal with suffix"] = ("nullx", "unexpected 'x' after the JSON value", 4),
        ["number leading zero"] = ("01", "invalid number: leading zeros are not allowed", 0),
        ["number negative leading zero"] = ("[-00.5]", "invalid number: leading zeros are not allowed", 1),
        ["number lone minus"] = ("-", "invalid number: expected a digit after '-'", 1),
        ["number minus letter"] = ("-a", "invalid number: expected a digit after '-'", 1),
        ["number plus sign"] = ("+1", "unexpected '+', expected a value", 0),
        ["number leading dot"] = (".5", "unexpected '.', expected a value", 0),
        ["number trailing dot"] = ("1.", "invalid number: expected a digit after '.'", 2),
        ["number dot exponent"] = ("1.e5", "invalid number: expected a digit after '.'", 2),
        ["number empty exponent"] = ("1e", "invalid number: expected a digit in the exponent", 2),
        ["number signed empty exponent"] = ("1e+", "invalid number: expected a digit in the exponent", 3),
        ["number hex"] = ("0x1F", "unexpected 'x' after the JSON value", 1),
        ["number NaN"] = ("NaN", "unexpected 'N', expected a value", 0),
        ["number Infinity"] = ("[-Infinity]", "invalid number: expected a digit after '-'", 2),
        ["two values"] = ("{} {}", "unexpected '{' after the JSON value", 3),
        ["two numbers"] = ("1 2", "unexpected '2' after the JSON value", 2),
        ["trailing NUL"] = ("{}\u0000", "unexpected character U+0000 after the JSON value", 2),
        ["byte order mark"] = ("\uFEFF{}", "unexpected byte order mark (U+FEFF), expected a value", 0),
        ["no-break space"] = ("[1,\u00A02]", "unexpected character U+00A0, expected a value", 3),
        ["line comment"] = ("// c\n{}", "unexpected '/', expected a value", 0),
        ["block comment"] = ("{/* c */}", "unexpected '/', expected a member name in double quotes", 1),
        ["vertical tab whitespace"] = ("[1,\u000B2]", "unexpected character U+000B, expected a value", 3),
        ["multi-line offset"] = ("{\n  \"a\": 1,\n  \"b\": ?\n}", "unexpected '?', expected a value", 19),
    };

    public static TheoryData<string> CaseLabels() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseLabels))]
    public void InvalidInput_Parse_GivesMessageAndOffset(string label)
    {
        var (input, message, offset) = Cases[label];

        var result = JsonReader.Parse(input);

        Assert.False(result.Success);
        Assert.Null(result.Value);
        Assert.Equal(message, result.Error);
        Assert.Equal(offset, result.ErrorOffset);
    }

    [Theory]
    [MemberData(nameof(CaseLabels))]
    public void InvalidInput_SystemTextJson_AlsoRejectsIt(string label)
    {
        var input = Cases[label].Input;

        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(input).Dispose());
    }

    [Fact]
    public void NullText_Parse_GivesErrorNotException()
    {
        var result = JsonReader.Parse(null!);

        Assert.False(result.Success);
        Assert.Equal("no text", result.Error);
    }

    [Theory]
    [InlineData('[', ']')]
    [InlineData('{', '}')]
    public void NestingAtMaxDepth_Parse_Succeeds(char open, char close)
    {
        var result = JsonReader.Parse(Nested(JsonReader.MaxDepth, open, close));

        Assert.True(result.Success, result.Error);
    }

    [Theory]
    [InlineData('[', ']')]
    [InlineData('{', '}')]
    public void NestingOneBeyondMaxDepth_Parse_FailsAtTheOffendingBracket(char open, char close)
    {
        var text = Nested(JsonReader.MaxDepth + 1, open, close);

        var result = JsonReader.Parse(text);

        Assert.False(result.Success);
        Assert.Equal($"nesting deeper than {JsonReader.MaxDepth} arrays and objects", result.Error);
        Assert.Equal(open, text[result.ErrorOffset]);
        Assert.Equal(JsonReader.MaxDepth, text.Take(result.ErrorOffset).Count(c => c == open));
    }

    [Fact]
    public void HostileNesting_Parse_FailsWithoutStackOverflow()
    {
        var result = JsonReader.Parse(new string('[', 1_000_000));

        Assert.False(result.Success);
        Assert.StartsWith("nesting deeper than", result.Error);
    }

    [Fact]
    public void EveryProperPrefixOfADocument_Parse_FailsWithOffsetInRange()
    {
        // A document exercising every token kind; each proper prefix is truncated input.
        const string document = "{\"s\": \"a\\n\\u00e9\", \"n\": -12.5e+3, \"t\": true, \"f\": false, \"z\": null, \"a\": [1, {\"k\": []}]}";
        Assert.True(JsonReader.Parse(document).Success);

        for (var length = 0; length < document.Length; length++)
        {
            var prefix = document.Substring(0, length);
            var result = JsonReader.Parse(prefix);

            Assert.False(result.Success, $"prefix of length {length} parsed");
            Assert.False(string.IsNullOrEmpty(result.Error));
            Assert.InRange(result.ErrorOffset, 0, length);
        }
    }

    [Fact]
    public void EveryProperPrefixOfACorpusFile_Parse_NeverThrows()
    {
        var text = Asl.Corpus.Read(Asl.Corpus.FileNames[0]);
        for (var length = 0; length < text.Length; length += 7)
        {
            var result = JsonReader.Parse(text.Substring(0, length));
            Assert.False(result.Success);
            Assert.InRange(result.ErrorOffset, 0, length);
        }
    }

    private static string Nested(int depth, char open, char close)
    {
        // Objects need a member to nest: {"a":{"a":...}}.
        if (open == '[') return new string('[', depth) + new string(']', depth);
        return string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1);
    }
}
