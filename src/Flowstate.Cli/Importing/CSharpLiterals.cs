using System.Globalization;
using System.Text;

namespace Flowstate.Cli.Importing;

/// <summary>C# literal text for strings and numbers, safe for any input.</summary>
internal static class CSharpLiterals
{
    /// <summary>A regular "..." literal. Escapes what C# or a UTF-8 file cannot carry verbatim.</summary>
    public static string String(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\0': sb.Append("\\0"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        sb.Append(c).Append(value[i + 1]);
                        i++;
                    }
                    else if (NeedsEscape(c)) AppendUnicodeEscape(sb, c);
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>
    /// Characters that must not appear verbatim in generated source: control characters, the
    /// characters C# treats as line breaks (U+0085, U+2028, U+2029), lone surrogates (UTF-8
    /// cannot encode them) and the BOM (an editor may strip it).
    /// </summary>
    public static bool NeedsEscape(char c)
        => c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' || c == '\uFEFF' || char.IsSurrogate(c);

    public static void AppendUnicodeEscape(StringBuilder sb, char c)
        => sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The shortest literal that the compiler reads back as exactly <paramref name="value"/>.</summary>
    public static string Double(double value)
    {
        var s = value.ToString("R", CultureInfo.InvariantCulture);
        // "R" gives "1E+20" or "2": both valid C# (an integer constant converts to double).
        return s;
    }

    public static string Bool(bool value) => value ? "true" : "false";
}
