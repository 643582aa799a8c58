namespace Flowstate.Core.Syntax;

/// <summary>
/// RFC 3339 date-time with Step Functions' restrictions: an uppercase T between date and time and an
/// uppercase Z when there is no numeric offset (2026-03-14T01:59:00Z, 2026-03-14T01:59:00.5+01:00).
/// </summary>
internal static class Rfc3339
{
    public static bool IsValid(string s)
    {
        // yyyy-mm-ddThh:mm:ss
        if (s.Length < 20) return false;
        if (!Digits(s, 0, 4, out var year) || s[4] != '-' || !Digits(s, 5, 2, out var month) || s[7] != '-' || !Digits(s, 8, 2, out var day)) return false;
        if (s[10] != 'T') return false;
        if (!Digits(s, 11, 2, out var hour) || s[13] != ':' || !Digits(s, 14, 2, out var minute) || s[16] != ':' || !Digits(s, 17, 2, out var second)) return false;
        if (month < 1 || month > 12 || day < 1 || day > DaysIn(year, month) || hour > 23 || minute > 59 || second > 60) return false;
        var i = 19;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var start = i;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9') i++;
            if (i == start) return false;
        }
        if (i >= s.Length) return false;
        if (s[i] == 'Z') return i + 1 == s.Length;
        if (s[i] != '+' && s[i] != '-') return false;
        if (s.Length != i + 6) return false;
        return Digits(s, i + 1, 2, out var oh) && s[i + 3] == ':' && Digits(s, i + 4, 2, out var om) && oh <= 23 && om <= 59;
    }

    private static bool Digits(string s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length) return false;
        for (var i = start; i < start + count; i++)
        {
            var c = s[i];
            if (c < '0' || c > '9') return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    private static int DaysIn(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };
}
