using System;
using System.Globalization;
using System.Numerics;

namespace Flowstate.Core.Json;

/// <summary>
/// Exact arithmetic on JSON number lexemes: "2", "2.0" and "0.2e1" are the same number, "0.1" and
/// "0.10000000000000001" are not (even though they are the same double).
/// </summary>
public static class JsonNumbers
{
    /// <summary>True when two number lexemes denote the same decimal value.</summary>
    public static bool ValueEquals(string a, string b)
        => TryCanonical(a, out var ca) && TryCanonical(b, out var cb) ? ca == cb : string.Equals(a, b, StringComparison.Ordinal);

    /// <summary>The value as an int when the number is an integer in int range ("5", "5.0", "5e0").</summary>
    public static bool TryGetExactInt32(JsonValue value, out int result)
    {
        result = 0;
        if (value.Kind != JsonKind.Number || !TryCanonical(value.Text!, out var c)) return false;
        if (c.Exponent < 0 || c.Digits.Length + c.Exponent > 10) return false;
        var big = BigInteger.Parse(c.Digits, CultureInfo.InvariantCulture) * BigInteger.Pow(10, (int)c.Exponent);
        if (c.Negative) big = -big;
        if (big < int.MinValue || big > int.MaxValue) return false;
        result = (int)big;
        return true;
    }

    /// <summary>
    /// The value as a double when writing that double back (shortest round-trip form, as the
    /// generator does) gives the same decimal value: "1.5" and "2.0" fit, "0.10000000000000001" and
    /// "1e400" do not.
    /// </summary>
    public static bool TryGetExactDouble(JsonValue value, out double result)
    {
        result = 0;
        if (value.Kind != JsonKind.Number) return false;
        if (!double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.IsInfinity(d) || double.IsNaN(d)) return false;
        if (!ValueEquals(value.Text!, JsonValue.Number(d).Text!)) return false;
        result = d;
        return true;
    }

    private readonly record struct Canonical(bool Negative, string Digits, long Exponent);

    // value = (-1)^Negative * Digits * 10^Exponent, Digits without leading or trailing zeros ("0" for zero).
    private static bool TryCanonical(string lexeme, out Canonical canonical)
    {
        canonical = default;
        var i = 0;
        var negative = false;
        if (i < lexeme.Length && lexeme[i] == '-') { negative = true; i++; }
        var intStart = i;
        while (i < lexeme.Length && char.IsDigit(lexeme[i])) i++;
        var intPart = lexeme.Substring(intStart, i - intStart);
        var fracPart = "";
        if (i < lexeme.Length && lexeme[i] == '.')
        {
            i++;
            var fracStart = i;
            while (i < lexeme.Length && char.IsDigit(lexeme[i])) i++;
            fracPart = lexeme.Substring(fracStart, i - fracStart);
        }
        BigInteger exponent = 0;
        if (i < lexeme.Length && (lexeme[i] == 'e' || lexeme[i] == 'E'))
        {
            i++;
            var expStart = i;
            if (i < lexeme.Length && (lexeme[i] == '+' || lexeme[i] == '-')) i++;
            while (i < lexeme.Length && char.IsDigit(lexeme[i])) i++;
            if (!BigInteger.TryParse(lexeme.Substring(expStart, i - expStart), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)) return false;
        }
        if (i != lexeme.Length || intPart.Length == 0) return false;

        var digits = (intPart + fracPart).TrimStart('0');
        exponent -= fracPart.Length;
        if (digits.Length == 0)
        {
            canonical = new Canonical(false, "0", 0);
            return true;
        }
        var trimmed = digits.TrimEnd('0');
        exponent += digits.Length - trimmed.Length;
        if (exponent > long.MaxValue / 2 || exponent < long.MinValue / 2) return false;
        canonical = new Canonical(negative, trimmed, (long)exponent);
        return true;
    }
}
