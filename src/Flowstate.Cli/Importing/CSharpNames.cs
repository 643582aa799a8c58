using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Flowstate.Cli.Importing;

/// <summary>Turns ASL names into C# identifiers a person would have chosen.</summary>
public static class CSharpNames
{
    /// <summary>
    /// A PascalCase identifier for <paramref name="name"/>: words are split at anything that is not
    /// a letter or digit and at camel-case humps, then capitalized ("Create an EMR cluster" gives
    /// CreateAnEmrCluster, "getItem" gives GetItem, "HTTPRequest" gives HttpRequest). A name that
    /// would start with a digit is prefixed with <paramref name="prefixForDigit"/>; a name with no
    /// letter or digit at all becomes <paramref name="fallback"/>.
    /// </summary>
    public static string ToPascalIdentifier(string name, string fallback = "State", string prefixForDigit = "State")
    {
        var sb = new StringBuilder();
        foreach (var word in SplitWords(name))
        {
            var first = true;
            foreach (var element in TextElements(word))
            {
                sb.Append(first ? element.ToUpperInvariant() : element.ToLowerInvariant());
                first = false;
            }
        }
        if (sb.Length == 0) return fallback;
        var result = sb.ToString();
        if (!SyntaxFacts.IsIdentifierStartCharacter(result[0])) result = prefixForDigit + result;
        // Keywords are lower-case, so a PascalCase name cannot be one; kept as a guard for caseless scripts.
        if (IsKeyword(result)) result += fallback;
        return result;
    }

    /// <summary>True when <paramref name="s"/> is a C# keyword or contextual keyword (which would need an @ prefix or confuse a reader).</summary>
    public static bool IsKeyword(string s)
        => SyntaxFacts.GetKeywordKind(s) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(s) != SyntaxKind.None;

    /// <summary>True when <paramref name="s"/> is a plain (non-verbatim, non-keyword) C# identifier.</summary>
    public static bool IsPlainIdentifier(string s)
    {
        if (string.IsNullOrEmpty(s) || !SyntaxFacts.IsIdentifierStartCharacter(s[0])) return false;
        for (var i = 1; i < s.Length; i++)
            if (!SyntaxFacts.IsIdentifierPartCharacter(s[i])) return false;
        return SyntaxFacts.GetKeywordKind(s) == SyntaxKind.None;
    }

    /// <summary>True when <paramref name="ns"/> is a valid dotted namespace name ("Acme.Workflows").</summary>
    public static bool IsValidNamespace(string ns)
    {
        if (string.IsNullOrEmpty(ns)) return false;
        foreach (var part in ns.Split('.'))
            if (!IsPlainIdentifier(part)) return false;
        return true;
    }

    private static IEnumerable<string> SplitWords(string name)
    {
        // Runs of identifier characters; '_' separates words like any punctuation would.
        var run = new StringBuilder();
        foreach (var c in name)
        {
            if (c != '_' && SyntaxFacts.IsIdentifierPartCharacter(c) && !char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                run.Append(c);
                continue;
            }
            foreach (var w in SplitHumps(run.ToString())) yield return w;
            run.Clear();
        }
        foreach (var w in SplitHumps(run.ToString())) yield return w;
    }

    // "getItemHTTPRequest2x" -> get, Item, HTTP, Request2x. Digits stay with the word before them.
    private static IEnumerable<string> SplitHumps(string run)
    {
        if (run.Length == 0) yield break;
        var start = 0;
        for (var i = 1; i < run.Length; i++)
        {
            var prev = run[i - 1];
            var c = run[i];
            var lowerToUpper = char.IsUpper(c) && (char.IsLower(prev) || char.IsDigit(prev));
            // "HTTPRequest": the last capital starts the next word; but "OUs", "IDs" are plural acronyms.
            var acronymEnd = char.IsUpper(c) && char.IsUpper(prev) && i + 1 < run.Length && char.IsLower(run[i + 1])
                && !(run[i + 1] == 's' && (i + 2 == run.Length || !char.IsLower(run[i + 2])));
            if (lowerToUpper || acronymEnd)
            {
                yield return run.Substring(start, i - start);
                start = i;
            }
        }
        yield return run.Substring(start);
    }

    // Case-changes a surrogate pair as one unit.
    private static IEnumerable<string> TextElements(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            if (char.IsHighSurrogate(word[i]) && i + 1 < word.Length && char.IsLowSurrogate(word[i + 1]))
            {
                yield return word.Substring(i, 2);
                i++;
            }
            else yield return word[i].ToString();
        }
    }
}

/// <summary>
/// Hands out class names that are unique in one scope (the nested classes of one class) and avoid
/// a set of names that must not be used there. Deterministic: the same requests in the same order
/// give the same names.
/// </summary>
internal sealed class NameScope
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly Func<string, bool> _isReserved;

    public NameScope(Func<string, bool> isReserved) => _isReserved = isReserved;

    /// <summary>True when <paramref name="name"/> would be handed out unchanged.</summary>
    public bool IsFree(string name) => !_isReserved(name) && !_taken.Contains(name);

    /// <summary>
    /// <paramref name="baseName"/> if free; a reserved name gets "State" appended (QueryLanguage
    /// becomes QueryLanguageState: a number would read like a second copy); a name already used in
    /// the scope gets 2, 3, ...
    /// </summary>
    public string Claim(string baseName)
    {
        var name = baseName;
        if (_isReserved(name)) name += "State";
        if (_isReserved(name) || _taken.Contains(name))
        {
            var stem = name;
            for (var i = 2; ; i++)
            {
                name = stem + i.ToString(CultureInfo.InvariantCulture);
                if (!_isReserved(name) && !_taken.Contains(name)) break;
            }
        }
        _taken.Add(name);
        return name;
    }
}
