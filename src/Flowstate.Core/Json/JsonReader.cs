using System.Collections.Generic;
using System.Text;

namespace Flowstate.Core.Json;

/// <summary>The result of reading JSON: a value, or an error with the offset where it was found.</summary>
public readonly record struct JsonParseResult(JsonValue? Value, string? Error, int ErrorOffset)
{
    public bool Success => Value is not null;
}

/// <summary>
/// A strict RFC 8259 reader that never throws: it keeps member order, duplicate keys and number
/// lexemes, and records the offset and length of every value and key. Containers may be nested
/// <see cref="MaxDepth"/> deep, no deeper, so that hostile input cannot overflow the stack.
/// Errors point at the character where the problem is (for an unterminated string, object or
/// array: at its opening character; for an invalid escape: at its backslash).
/// </summary>
public sealed class JsonReader
{
    /// <summary>The deepest nesting of arrays and objects accepted ("[[1]]" has depth 2).</summary>
    public const int MaxDepth = 256;

    private readonly string _text;
    private int _pos;
    private string? _error;
    private int _errorOffset;

    private JsonReader(string text) => _text = text;

    public static JsonParseResult Parse(string text)
    {
        if (text is null) return new JsonParseResult(null, "no text", 0);
        var reader = new JsonReader(text);
        reader.SkipWhitespace();
        var value = reader.ParseValue(0);
        if (value is not null)
        {
            reader.SkipWhitespace();
            if (reader._pos < text.Length) reader.Fail($"unexpected {Describe(text[reader._pos])} after the JSON value");
        }
        return reader._error is null ? new JsonParseResult(value, null, -1) : new JsonParseResult(null, reader._error, reader._errorOffset);
    }

    // Invisible and unprintable characters are named by code point so that the message can be read.
    private static string Describe(char c)
    {
        if (c == '\uFEFF') return "byte order mark (U+FEFF)";
        if (c == '\'') return "\"'\"";
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '\u00A0')
            return $"character U+{(int)c:X4}";
        return $"'{c}'";
    }

    private JsonValue? Fail(string message, int? at = null)
    {
        if (_error is null)
        {
            _error = message;
            _errorOffset = at ?? _pos;
        }
        return null;
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') _pos++;
            else break;
        }
    }

    private JsonValue? ParseValue(int depth)
    {
        if (_pos >= _text.Length) return Fail("unexpected end of text, expected a value");
        var start = _pos;
        var c = _text[_pos];
        switch (c)
        {
            case '{':
            case '[':
                if (depth >= MaxDepth) return Fail($"nesting deeper than {MaxDepth} arrays and objects");
                return c == '{' ? ParseObject(depth + 1) : ParseArray(depth + 1);
            case '"':
                var s = ParseString();
                return s is null ? null : JsonValue.String(s, start, _pos - start);
            case 't': return ParseLiteral("true", JsonKind.True);
            case 'f': return ParseLiteral("false", JsonKind.False);
            case 'n': return ParseLiteral("null", JsonKind.Null);
            default:
                if (c == '-' || IsDigit(c)) return ParseNumber();
                return Fail($"unexpected {Describe(c)}, expected a value");
        }
    }

    private JsonValue? ParseLiteral(string word, JsonKind kind)
    {
        var start = _pos;
        var available = System.Math.Min(word.Length, _text.Length - _pos);
        if (available < word.Length || string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
            return Fail($"invalid literal, expected '{word}'");
        _pos += word.Length;
        return JsonValue.Literal(kind, start);
    }

    private JsonValue? ParseNumber()
    {
        var start = _pos;
        if (_text[_pos] == '-') _pos++;
        if (_pos >= _text.Length || !IsDigit(_text[_pos])) return Fail("invalid number: expected a digit after '-'");
        if (_text[_pos] == '0')
        {
            _pos++;
            if (_pos < _text.Length && IsDigit(_text[_pos])) return Fail("invalid number: leading zeros are not allowed", start);
        }
        else
        {
            while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
        }
        if (_pos < _text.Length && _text[_pos] == '.')
        {
            _pos++;
            if (_pos >= _text.Length || !IsDigit(_text[_pos])) return Fail("invalid number: expected a digit after '.'");
            while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
        }
        if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            _pos++;
            if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-')) _pos++;
            if (_pos >= _text.Length || !IsDigit(_text[_pos])) return Fail("invalid number: expected a digit in the exponent");
            while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
        }
        return JsonValue.Number(_text.Substring(start, _pos - start), start);
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static int HexValue(char h) =>
        h >= '0' && h <= '9' ? h - '0' :
        h >= 'a' && h <= 'f' ? h - 'a' + 10 :
        h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;

    // Leaves _pos after the closing quote. Escaped lone surrogates ("\ud800") are kept as the
    // UTF-16 code unit they name: the reader preserves what was written, and JsonWriter writes
    // them back as the same escapes.
    private string? ParseString()
    {
        var start = _pos;
        _pos++; // opening quote
        StringBuilder? sb = null;
        var runStart = _pos;
        while (true)
        {
            if (_pos >= _text.Length) { Fail("unterminated string", start); return null; }
            var c = _text[_pos];
            if (c == '"')
            {
                string result;
                if (sb is null) result = _text.Substring(runStart, _pos - runStart);
                else { sb.Append(_text, runStart, _pos - runStart); result = sb.ToString(); }
                _pos++;
                return result;
            }
            if (c < 0x20) { Fail($"{Describe(c)} must be escaped in a string"); return null; }
            if (c != '\\') { _pos++; continue; }

            var escapeStart = _pos;
            sb ??= new StringBuilder();
            sb.Append(_text, runStart, _pos - runStart);
            _pos++;
            if (_pos >= _text.Length) { Fail("unterminated string", start); return null; }
            var e = _text[_pos];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    var code = 0;
                    for (var i = 1; i <= 4; i++)
                    {
                        var digit = _pos + i < _text.Length ? HexValue(_text[_pos + i]) : -1;
                        if (digit < 0) { Fail("invalid \\u escape: expected four hex digits", escapeStart); return null; }
                        code = code * 16 + digit;
                    }
                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    Fail(e < 0x20 || e > 0x7E ? $"invalid escape: backslash followed by {Describe(e)}" : $"invalid escape '\\{e}'", escapeStart);
                    return null;
            }
            _pos++;
            runStart = _pos;
        }
    }

    private JsonValue? ParseArray(int depth)
    {
        var start = _pos;
        _pos++;
        var items = new List<JsonValue>();
        SkipWhitespace();
        if (_pos < _text.Length && _text[_pos] == ']') { _pos++; return JsonValue.Array(items, start, _pos - start); }
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _text.Length) return Fail("unterminated array, expected a value", start);
            if (_text[_pos] == ']') return Fail("trailing comma in array, expected a value");
            var item = ParseValue(depth);
            if (item is null) return null;
            items.Add(item);
            SkipWhitespace();
            if (_pos >= _text.Length) return Fail("unterminated array, expected ',' or ']'", start);
            if (_text[_pos] == ',') { _pos++; continue; }
            if (_text[_pos] == ']') { _pos++; return JsonValue.Array(items, start, _pos - start); }
            return Fail($"unexpected {Describe(_text[_pos])} in array, expected ',' or ']'");
        }
    }

    private JsonValue? ParseObject(int depth)
    {
        var start = _pos;
        _pos++;
        var props = new List<JsonProperty>();
        SkipWhitespace();
        if (_pos < _text.Length && _text[_pos] == '}') { _pos++; return JsonValue.Object(props, start, _pos - start); }
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _text.Length) return Fail("unterminated object, expected a member name", start);
            if (_text[_pos] == '}') return Fail("trailing comma in object, expected a member name");
            if (_text[_pos] != '"') return Fail($"unexpected {Describe(_text[_pos])}, expected a member name in double quotes");
            var keyStart = _pos;
            var key = ParseString();
            if (key is null) return null;
            var keyLength = _pos - keyStart;
            SkipWhitespace();
            if (_pos >= _text.Length) return Fail("unterminated object, expected ':'", start);
            if (_text[_pos] != ':') return Fail($"expected ':' after member name {JsonWriter.Quote(key)}");
            _pos++;
            SkipWhitespace();
            var value = ParseValue(depth);
            if (value is null) return null;
            props.Add(new JsonProperty(key, value, keyStart, keyLength));
            SkipWhitespace();
            if (_pos >= _text.Length) return Fail("unterminated object, expected ',' or '}'", start);
            if (_text[_pos] == ',') { _pos++; continue; }
            if (_text[_pos] == '}') { _pos++; return JsonValue.Object(props, start, _pos - start); }
            return Fail($"unexpected {Describe(_text[_pos])} in object, expected ',' or '}}'");
        }
    }
}

/// <summary>Turns character offsets of a text into zero-based line and column numbers.</summary>
public sealed class TextLines
{
    private readonly int[] _lineStarts;

    public TextLines(string text)
    {
        // "\r\n", "\n" and a lone "\r" each end a line, as in editors.
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') starts.Add(i + 1);
            else if (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')) starts.Add(i + 1);
        }
        _lineStarts = starts.ToArray();
    }

    public (int Line, int Column) GetPosition(int offset)
    {
        var lo = 0;
        var hi = _lineStarts.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_lineStarts[mid] <= offset) lo = mid;
            else hi = mid - 1;
        }
        return (lo, offset - _lineStarts[lo]);
    }
}
