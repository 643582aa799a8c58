using System.Globalization;
using System.Text;

namespace Flowstate.Hosting;

/// <summary>
/// Makes text from a definition (state and machine names, file names, JSON values) safe to print on
/// a terminal. Such text may hold ANSI escape sequences, carriage returns or bidirectional overrides
/// that would rewrite or disguise what the user sees; each becomes a visible escape instead.
/// </summary>
public static class TerminalText
{
    /// <summary>
    /// <paramref name="text"/> with every character a terminal would act on written as an escape:
    /// <c>\n</c>, <c>\r</c>, <c>\t</c>, and <c>\uXXXX</c> for the other C0 and C1 controls, DEL, the
    /// line and paragraph separators, the bidirectional controls (U+061C, U+200E, U+200F,
    /// U+202A..U+202E, U+2066..U+2069) and unpaired surrogates. Everything else is unchanged
    /// (backslashes too, so that Windows paths stay readable).
    /// </summary>
    public static string Escape(string? text)
    {
        if (text is null) return "";
        var i = 0;
        while (i < text.Length && !NeedsEscape(text, i)) i++;
        if (i == text.Length) return text;

        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsEscape(text, i))
            {
                sb.Append(c);
                continue;
            }
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default: sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// True for a character a terminal acts on instead of showing: the C0 and C1 controls, DEL, the
    /// line and paragraph separators and the bidirectional controls (not the surrogates: a pair is fine).
    /// </summary>
    public static bool IsTerminalControl(char c)
    {
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;
        switch (c)
        {
            case '\u061C': case '\u200E': case '\u200F': case '\u2028': case '\u2029':
                return true;
        }
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private static bool NeedsEscape(string text, int i)
    {
        var c = text[i];
        if (IsTerminalControl(c)) return true;
        if (char.IsHighSurrogate(c)) return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        if (char.IsLowSurrogate(c)) return i == 0 || !char.IsHighSurrogate(text[i - 1]);
        return false;
    }
}
