using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Model;

namespace Flowstate.Core.Deployment;

// EventBridge / EventBridge Scheduler schedule expressions: rate(value unit), cron(six fields) and
// at(yyyy-mm-ddThh:mm:ss), checked the way AWS documents them
// (docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html, eb-rate-expressions.html,
// scheduler/latest/UserGuide/schedule-types.html), with every problem on the characters that are wrong.
//
// Hand-written rather than Cronos (which the NuGet registry has): the analyzer assembly takes no
// third-party dependency, and Cronos's grammar is not AWS's anyway: it has no year field, numbers
// day-of-week 0-6 from Sunday where AWS numbers 1-7, and accepts forms AWS rejects (`/` in
// day-of-week, both day fields set). One hand-written grammar, shared by the analyzer (checking) and
// the deploy program (next run times), cannot drift from itself; the tests compare its next
// occurrences with Cronos's on the expressions both understand.
//
// Where AWS documents nothing, the Quartz scheduler (whose syntax AWS's is) decides what is accepted,
// and the stricter choice wins when in doubt, with a message that says how to write it instead:
// ranges must not run backwards (22-2), `L` and `W` and `#` stand alone in their field, `L-3` is not
// accepted. Names (JAN, MON) are case-insensitive; fields are separated by one or more spaces.

/// <summary>Where a schedule expression is used: EventBridge Scheduler accepts at(...), an EventBridge rule does not.</summary>
public enum ScheduleTarget
{
    /// <summary>AWS::Scheduler::Schedule: rate, cron and at, evaluated in a time zone.</summary>
    Scheduler,
    /// <summary>AWS::Events::Rule ScheduleExpression: rate and cron, always UTC.</summary>
    EventBridgeRule,
}

public enum RateUnit
{
    Minute,
    Hour,
    Day,
}

/// <summary>A parsed, valid schedule expression. Value-equatable (safe inside generator models).</summary>
public abstract record ScheduleExpression
{
    /// <summary>The expression in AWS's syntax, as the template writes it.</summary>
    public abstract string Text { get; }
}

/// <summary><c>rate(value unit)</c>.</summary>
public sealed record RateExpression(long Value, RateUnit Unit) : ScheduleExpression
{
    public override string Text => "rate(" + Value.ToString(CultureInfo.InvariantCulture) + " " + UnitWord(Value, Unit) + ")";

    /// <summary>The interval between two runs.</summary>
    public TimeSpan Interval => Unit switch
    {
        RateUnit.Minute => TimeSpan.FromMinutes(Value),
        RateUnit.Hour => TimeSpan.FromHours(Value),
        _ => TimeSpan.FromDays(Value),
    };

    /// <summary>The unit as AWS wants it: singular for 1, plural otherwise.</summary>
    public static string UnitWord(long value, RateUnit unit)
    {
        var word = unit switch { RateUnit.Minute => "minute", RateUnit.Hour => "hour", _ => "day" };
        return value == 1 ? word : word + "s";
    }
}

/// <summary><c>at(yyyy-mm-ddThh:mm:ss)</c>: one run, at this wall-clock time of the schedule's time zone.</summary>
public sealed record AtExpression(int Year, int Month, int Day, int Hour, int Minute, int Second) : ScheduleExpression
{
    public override string Text => "at(" + LocalTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + ")";

    /// <summary>The wall-clock time (Kind Unspecified: it belongs to the schedule's time zone).</summary>
    public DateTime LocalTime => new(Year, Month, Day, Hour, Minute, Second, DateTimeKind.Unspecified);
}

/// <summary>
/// <c>cron(minutes hours day-of-month month day-of-week year)</c>; the six fields as written (valid).
/// <see cref="NextLocal"/> evaluates it on wall-clock times, without any time zone.
/// </summary>
public sealed record CronExpression(string Minutes, string Hours, string DayOfMonth, string Month, string DayOfWeek, string Year) : ScheduleExpression
{
    public override string Text => "cron(" + Minutes + " " + Hours + " " + DayOfMonth + " " + Month + " " + DayOfWeek + " " + Year + ")";

    /// <summary>
    /// The first wall-clock minute strictly after <paramref name="afterLocal"/> that the expression
    /// matches, or null when there is none (the year field ends before it, or never matches). Seconds
    /// of <paramref name="afterLocal"/> are ignored (schedules have minute precision).
    /// </summary>
    public DateTime? NextLocal(DateTime afterLocal) => CronSchedule.Compile(this).Next(afterLocal);
}

/// <summary>The result of <see cref="ScheduleExpressions.Parse"/>: the expression when it is valid, and every problem found.</summary>
public sealed record ScheduleParseResult(ScheduleExpression? Expression, EquatableArray<TextProblem> Problems)
{
    public bool IsValid => Expression is not null && Problems.IsEmpty;
}

public static partial class ScheduleExpressions
{
    public const string Grammar = "rate(value unit), cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss)";

    /// <summary>Checks and parses a schedule expression. Never throws; every problem carries the offset and length of the wrong characters.</summary>
    public static ScheduleParseResult Parse(string? text, ScheduleTarget target = ScheduleTarget.Scheduler)
    {
        var problems = new List<TextProblem>();
        var expression = ParseCore(text ?? "", target, problems);
        return new ScheduleParseResult(problems.Count == 0 ? expression : null, problems.ToEquatableArray());
    }

    private static ScheduleExpression? ParseCore(string text, ScheduleTarget target, List<TextProblem> problems)
    {
        if (text.Length == 0)
        {
            problems.Add(new TextProblem(DiagnosticIds.ScheduleExpressionMalformed, 0, 0, "The schedule expression is empty; write " + Grammar));
            return null;
        }
        var open = text.IndexOf('(');
        var keyword = open < 0 ? text.Trim() : text.Substring(0, open);
        if (open < 0 || !IsKeyword(keyword))
        {
            var lower = keyword.Trim().ToLowerInvariant();
            var hint = IsKeyword(lower) && open >= 0
                ? $"; write '{lower}' in lower case, without spaces before '('"
                : "";
            problems.Add(new TextProblem(DiagnosticIds.ScheduleExpressionMalformed, 0, open < 0 ? text.Length : open,
                $"'{Truncate(text)}' is not a schedule expression{hint}; write " + Grammar,
                IsKeyword(lower) && open >= 0 ? lower : null));
            return null;
        }
        if (text[text.Length - 1] != ')')
        {
            var close = text.LastIndexOf(')');
            problems.Add(close < 0
                ? new TextProblem(DiagnosticIds.ScheduleExpressionMalformed, text.Length, 0, $"The {keyword}(...) expression has no closing ')'; add it at the end")
                : new TextProblem(DiagnosticIds.ScheduleExpressionMalformed, close + 1, text.Length - close - 1,
                    $"Nothing may follow the closing ')' of the {keyword}(...) expression; remove '{Truncate(text.Substring(close + 1))}'"));
            return null;
        }
        var innerStart = open + 1;
        var inner = text.Substring(innerStart, text.Length - 1 - innerStart);
        var nested = inner.IndexOfAny(new[] { '(', ')' });
        if (nested >= 0)
        {
            problems.Add(new TextProblem(DiagnosticIds.ScheduleExpressionMalformed, innerStart + nested, 1,
                $"Unexpected '{inner[nested]}' inside the {keyword}(...) expression; it takes a single pair of parentheses"));
            return null;
        }
        switch (keyword)
        {
            case "rate":
                return ParseRate(inner, innerStart, problems);
            case "cron":
                return ParseCron(inner, innerStart, problems);
            default:
                if (target == ScheduleTarget.EventBridgeRule)
                {
                    problems.Add(new TextProblem(DiagnosticIds.ScheduleKindNotSupported, 0, text.Length,
                        "An EventBridge rule cannot run once at a given time: at(...) is an EventBridge Scheduler expression; use the Scheduler (the default) or a rate(...)/cron(...) expression"));
                }
                var at = ParseAt(inner, innerStart, problems);
                return at;
        }
    }

    private static bool IsKeyword(string s) => s is "rate" or "cron" or "at";

    // ---- rate ------------------------------------------------------------------------------------

    private static RateExpression? ParseRate(string inner, int offset, List<TextProblem> problems)
    {
        var parts = SplitOnSpaces(inner, offset);
        if (parts.Count != 2 || inner.Length == 0 || inner[0] == ' ' || inner[inner.Length - 1] == ' ')
        {
            problems.Add(new TextProblem(DiagnosticIds.ScheduleExpressionMalformed, offset, inner.Length,
                $"rate(...) takes a value and a unit separated by a space, such as rate(5 minutes) or rate(1 day); '{Truncate(inner)}' is not that"));
            return null;
        }
        var (valueText, valueAt) = parts[0];
        var (unitText, unitAt) = parts[1];
        long value = 0;
        var valueOk = IsDigits(valueText) && valueText.Length <= 9;
        if (valueOk) value = long.Parse(valueText, CultureInfo.InvariantCulture);
        if (!valueOk || value == 0)
        {
            problems.Add(new TextProblem(DiagnosticIds.RateValueOrUnitInvalid, valueAt, valueText.Length,
                valueOk ? $"The rate value '{valueText}' must be a positive integer (1 or more)"
                : IsDigits(valueText) ? $"The rate value '{valueText}' is too large; write at most 999999999"
                : $"The rate value '{valueText}' is not a positive integer; write whole minutes, hours or days, such as rate(90 minutes)"));
        }
        RateUnit unit;
        bool plural;
        switch (unitText)
        {
            case "minute": unit = RateUnit.Minute; plural = false; break;
            case "minutes": unit = RateUnit.Minute; plural = true; break;
            case "hour": unit = RateUnit.Hour; plural = false; break;
            case "hours": unit = RateUnit.Hour; plural = true; break;
            case "day": unit = RateUnit.Day; plural = false; break;
            case "days": unit = RateUnit.Day; plural = true; break;
            default:
                var lower = unitText.ToLowerInvariant();
                string? replacement = null;
                string message;
                if (lower is "minute" or "minutes" or "hour" or "hours" or "day" or "days")
                {
                    replacement = valueOk && value > 0 ? RateExpression.UnitWord(value, lower.StartsWith("m", StringComparison.Ordinal) ? RateUnit.Minute : lower.StartsWith("h", StringComparison.Ordinal) ? RateUnit.Hour : RateUnit.Day) : lower;
                    message = $"The rate unit '{unitText}' must be written in lower case: '{replacement}'";
                }
                else if (lower is "week" or "weeks" or "month" or "months" or "second" or "seconds" or "year" or "years")
                {
                    message = $"rate(...) has no unit '{unitText}': the units are minute(s), hour(s) and day(s)"
                        + (lower.StartsWith("w", StringComparison.Ordinal) && valueOk && value > 0 ? $"; write rate({value * 7} days)" : lower.StartsWith("s", StringComparison.Ordinal) ? "; a schedule cannot run more often than once a minute" : "; for calendar months or years use a cron(...) expression");
                }
                else
                {
                    message = $"'{unitText}' is not a rate unit; write minute, hour or day for a value of 1 and minutes, hours or days otherwise";
                }
                problems.Add(new TextProblem(DiagnosticIds.RateValueOrUnitInvalid, unitAt, unitText.Length, message, replacement));
                return null;
        }
        if (valueOk && value > 0 && plural != (value != 1))
        {
            var right = RateExpression.UnitWord(value, unit);
            problems.Add(new TextProblem(DiagnosticIds.RateUnitNumber, unitAt, unitText.Length,
                value == 1
                    ? $"A rate of 1 takes the singular unit: write rate(1 {right}), not rate(1 {unitText})"
                    : $"A rate of {value} takes the plural unit: write rate({value} {right}), not rate({value} {unitText})",
                right));
            return null;
        }
        return valueOk && value > 0 ? new RateExpression(value, unit) : null;
    }

    private static bool IsDigits(string s)
    {
        if (s.Length == 0) return false;
        foreach (var c in s)
            if (c < '0' || c > '9') return false;
        return true;
    }

    /// <summary>Words separated by one or more spaces, with their offsets; any other whitespace is part of a word (and then wrong).</summary>
    private static List<(string Text, int Offset)> SplitOnSpaces(string s, int offset)
    {
        var result = new List<(string, int)>();
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && s[i] == ' ') i++;
            if (i >= s.Length) break;
            var start = i;
            while (i < s.Length && s[i] != ' ') i++;
            result.Add((s.Substring(start, i - start), offset + start));
        }
        return result;
    }

    // ---- at --------------------------------------------------------------------------------------

    private static AtExpression? ParseAt(string inner, int offset, List<TextProblem> problems)
    {
        var before = problems.Count;
        var parts = ReadDateTime(inner, offset, 0, problems, "at(...)", allowZone: false, out var year, out var month, out var day, out var hour, out var minute, out var second, out var end);
        if (!parts) return null;
        if (end != inner.Length)
        {
            problems.Add(new TextProblem(DiagnosticIds.InvalidDateTime, offset + end, inner.Length - end,
                $"at(...) takes a local date and time without seconds fraction or offset, yyyy-mm-ddThh:mm:ss; remove '{Truncate(inner.Substring(end))}' (the time zone is the schedule's time zone)"));
        }
        return problems.Count == before ? new AtExpression(year, month, day, hour, minute, second) : null;
    }

    /// <summary>
    /// Checks a date-time given for a schedule's StartDate or EndDate: yyyy-mm-ddThh:mm:ss, optionally
    /// with a fraction of a second, and Z or an offset (+01:00). Null when valid.
    /// </summary>
    public static TextProblem? CheckDateTime(string? text)
    {
        var s = text ?? "";
        var problems = new List<TextProblem>();
        if (!ReadDateTime(s, 0, 0, problems, "The date", allowZone: true, out _, out _, out _, out _, out _, out _, out var end))
            return problems[0];
        if (end != s.Length)
            return new TextProblem(DiagnosticIds.InvalidDateTime, end, s.Length - end, $"Unexpected '{Truncate(s.Substring(end))}' after the date; write yyyy-mm-ddThh:mm:ss, optionally followed by Z or an offset such as +01:00");
        return problems.Count > 0 ? problems[0] : null;
    }

    private static bool ReadDateTime(string s, int offset, int start, List<TextProblem> problems, string what, bool allowZone,
        out int year, out int month, out int day, out int hour, out int minute, out int second, out int end)
    {
        year = month = day = hour = minute = second = 0;
        end = start;
        const string shape = "yyyy-mm-ddThh:mm:ss";
        // The shape first: digits and separators where they belong.
        for (var k = 0; k < shape.Length; k++)
        {
            var i = start + k;
            var expected = shape[k];
            var isDigit = expected is 'y' or 'm' or 'd' or 'h' or 's';
            if (i >= s.Length)
            {
                problems.Add(new TextProblem(DiagnosticIds.InvalidDateTime, offset + start, s.Length - start,
                    $"{what} must be written {shape} (for example 2026-12-24T18:00:00); '{Truncate(s.Substring(start))}' is too short"));
                return false;
            }
            var c = s[i];
            if (isDigit ? c < '0' || c > '9' : c != expected)
            {
                problems.Add(new TextProblem(DiagnosticIds.InvalidDateTime, offset + i, 1,
                    $"{what} must be written {shape} (for example 2026-12-24T18:00:00); expected {(isDigit ? "a digit" : "'" + expected + "'")} here, not '{c}'"));
                return false;
            }
        }
        int Num(int at, int count)
        {
            var v = 0;
            for (var i = 0; i < count; i++) v = v * 10 + (s[start + at + i] - '0');
            return v;
        }
        year = Num(0, 4);
        month = Num(5, 2);
        day = Num(8, 2);
        hour = Num(11, 2);
        minute = Num(14, 2);
        second = Num(17, 2);
        void Bad(int at, int count, string message)
            => problems.Add(new TextProblem(DiagnosticIds.InvalidDateTime, offset + start + at, count, message));
        if (year < 1) Bad(0, 4, "The year 0000 does not exist");
        if (month < 1 || month > 12) Bad(5, 2, $"Month {month:00} does not exist; months are 01-12");
        else if (year >= 1 && (day < 1 || day > DateTime.DaysInMonth(year, month)))
            Bad(8, 2, $"Day {day:00} does not exist in {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month)} {year:0000}; it has days 01-{DateTime.DaysInMonth(year, month)}");
        if (hour > 23) Bad(11, 2, $"Hour {hour:00} does not exist; hours are 00-23");
        if (minute > 59) Bad(14, 2, $"Minute {minute:00} does not exist; minutes are 00-59");
        if (second > 59) Bad(17, 2, $"Second {second:00} does not exist; seconds are 00-59");
        var i2 = start + shape.Length;
        if (allowZone)
        {
            if (i2 < s.Length && s[i2] == '.')
            {
                var f = ++i2;
                while (i2 < s.Length && s[i2] >= '0' && s[i2] <= '9') i2++;
                if (i2 == f)
                {
                    Bad(f - start - 1, 1, "A '.' after the seconds must be followed by digits (a fraction of a second)");
                    end = i2;
                    return false;
                }
            }
            if (i2 < s.Length && s[i2] == 'Z') i2++;
            else if (i2 < s.Length && (s[i2] == '+' || s[i2] == '-'))
            {
                var z = i2;
                if (z + 6 <= s.Length && IsDigits(s.Substring(z + 1, 2)) && s[z + 3] == ':' && IsDigits(s.Substring(z + 4, 2))
                    && int.Parse(s.Substring(z + 1, 2), CultureInfo.InvariantCulture) <= 23 && int.Parse(s.Substring(z + 4, 2), CultureInfo.InvariantCulture) <= 59)
                {
                    i2 = z + 6;
                }
                else
                {
                    problems.Add(new TextProblem(DiagnosticIds.InvalidDateTime, offset + z, Math.Min(6, s.Length - z),
                        "The offset must be written +hh:mm or -hh:mm (hours 00-23, minutes 00-59), or use Z for UTC"));
                    end = s.Length;
                    return false;
                }
            }
        }
        end = i2;
        return true;
    }

    // ---- cron ------------------------------------------------------------------------------------

    internal sealed class FieldInfo
    {
        public FieldInfo(string name, int min, int max, string wildcards, string[]? names, string valuesText)
        {
            Name = name;
            Min = min;
            Max = max;
            Wildcards = wildcards;
            Names = names;
            ValuesText = valuesText;
        }

        public string Name { get; }
        public int Min { get; }
        public int Max { get; }
        public string Wildcards { get; }
        /// <summary>Names for Min, Min+1, ... (JAN.. or SUN..).</summary>
        public string[]? Names { get; }
        public string ValuesText { get; }

        public bool Allows(char wildcard) => Wildcards.IndexOf(wildcard) >= 0;

        public string Allowed => $"{Name} takes {ValuesText} and the wildcards {string.Join(" ", Wildcards.ToCharArray())}";
    }

    private static readonly string[] MonthNames = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };
    private static readonly string[] DayNames = { "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT" };

    internal static readonly FieldInfo[] Fields =
    {
        new("Minutes", 0, 59, ",-*/", null, "0-59"),
        new("Hours", 0, 23, ",-*/", null, "0-23"),
        new("Day-of-month", 1, 31, ",-*?/LW", null, "1-31"),
        new("Month", 1, 12, ",-*/", MonthNames, "1-12 or JAN-DEC"),
        new("Day-of-week", 1, 7, ",-*?L#", DayNames, "1-7 or SUN-SAT (1 is Sunday)"),
        new("Year", 1970, 2199, ",-*/", null, "1970-2199"),
    };

    private static CronExpression? ParseCron(string inner, int offset, List<TextProblem> problems)
    {
        var parts = SplitOnSpaces(inner, offset);
        if (parts.Count != 6)
        {
            var message = parts.Count == 5
                ? "AWS cron expressions have six fields, minutes hours day-of-month month day-of-week year; this one has five: add the year field (* for every year) at the end"
                : $"AWS cron expressions have six fields separated by spaces, minutes hours day-of-month month day-of-week year; this one has {parts.Count}";
            if (parts.Count > 6)
                problems.Add(new TextProblem(DiagnosticIds.ScheduleExpressionMalformed, parts[6].Offset, offset + inner.Length - parts[6].Offset, message + "; remove the extra fields"));
            else
                problems.Add(new TextProblem(DiagnosticIds.ScheduleExpressionMalformed, offset, inner.Length, message));
            return null;
        }
        if (inner[0] == ' ' || inner[inner.Length - 1] == ' ')
        {
            var at = inner[0] == ' ' ? offset : offset + inner.TrimEnd(' ').Length;
            var len = inner[0] == ' ' ? inner.Length - inner.TrimStart(' ').Length : inner.Length - inner.TrimEnd(' ').Length;
            problems.Add(new TextProblem(DiagnosticIds.ScheduleExpressionMalformed, at, len, "Remove the spaces between the parentheses and the cron fields"));
        }
        var before = problems.Count;
        for (var f = 0; f < 6; f++)
            CheckField(Fields[f], parts[f].Text, parts[f].Offset, problems);

        // Exactly one of day-of-month and day-of-week is '?'.
        var (dom, domAt) = parts[2];
        var (dow, dowAt) = parts[4];
        if (dom == "?" && dow == "?")
        {
            problems.Add(new TextProblem(DiagnosticIds.CronDayFields, dowAt, dow.Length,
                "Day-of-month and Day-of-week are both '?': exactly one of them must be '?'; write * in one of them to run every day"));
        }
        else if (dom != "?" && dow != "?")
        {
            if (dom == "*")
                problems.Add(new TextProblem(DiagnosticIds.CronDayFields, domAt, 1,
                    $"Day-of-month is '*' and Day-of-week is '{dow}': exactly one of them must be '?'; write ? in Day-of-month to run on {dow}", "?"));
            else if (dow == "*")
                problems.Add(new TextProblem(DiagnosticIds.CronDayFields, dowAt, 1,
                    $"Day-of-month is '{dom}' and Day-of-week is '*': exactly one of them must be '?'; write ? in Day-of-week to run on day {dom}", "?"));
            else
                problems.Add(new TextProblem(DiagnosticIds.CronDayFields, dowAt, dow.Length,
                    $"Day-of-month ('{dom}') and Day-of-week ('{dow}') are both set, which AWS does not allow: exactly one of them must be '?'; choose the day of the month or the day of the week"));
        }
        if (problems.Count != before) return null;
        return new CronExpression(parts[0].Text, parts[1].Text, parts[2].Text, parts[3].Text, parts[4].Text, parts[5].Text);
    }

    private static void CheckField(FieldInfo field, string text, int offset, List<TextProblem> problems)
    {
        void Bad(int at, int length, string message) => problems.Add(new TextProblem(DiagnosticIds.CronFieldInvalid, offset + at, length, message));

        // Whole-field forms first: ?, L, LW, nW, nL, n#k stand alone.
        if (text == "?")
        {
            if (!field.Allows('?')) Bad(0, 1, $"'?' is allowed only in Day-of-month and Day-of-week; {field.Allowed}");
            return;
        }
        var items = text.Split(',');
        if (items.Length > 1 && field.Allows('#') && text.IndexOf('#') >= 0)
        {
            Bad(0, text.Length, $"With '#' the Day-of-week field takes one expression only; AWS reads '{text}' as {items.Length} expressions and rejects it (the same holds for '3#1,6#3')");
            return;
        }
        var pos = 0;
        foreach (var item in items)
        {
            CheckItem(field, item, pos, items.Length, Bad);
            pos += item.Length + 1;
        }
    }

    private static void CheckItem(FieldInfo field, string item, int at, int itemCount, Action<int, int, string> bad)
    {
        if (item.Length == 0)
        {
            bad(at, 0, $"Empty value in the {field.Name} list; remove the extra ',' ({field.Allowed})");
            return;
        }
        var upper = item.ToUpperInvariant();
        var isDom = field.Name == "Day-of-month";
        var isDow = field.Name == "Day-of-week";

        // The special characters that only make sense alone.
        if (upper.IndexOf('?') >= 0)
        {
            bad(at + upper.IndexOf('?'), 1, field.Allows('?')
                ? $"'?' must be the whole {field.Name} field, not part of a list or range"
                : $"'?' is allowed only in Day-of-month and Day-of-week; {field.Allowed}");
            return;
        }
        if (isDom && (upper == "L" || upper == "LW" || (upper.EndsWith("W", StringComparison.Ordinal) && upper.Length > 1)))
        {
            if (itemCount > 1)
            {
                bad(at, item.Length, $"'{item}' must be the whole Day-of-month field; L and W cannot be combined with other values in a list");
                return;
            }
            if (upper == "L" || upper == "LW") return;
            var n = upper.Substring(0, upper.Length - 1);
            if (!IsDigits(n) || n.Length > 2)
            {
                bad(at, item.Length, $"'{item}' is not a valid W value: write a day of the month before W, such as 15W (the weekday nearest the 15th), or LW (the last weekday)");
                return;
            }
            var day = int.Parse(n, CultureInfo.InvariantCulture);
            if (day < 1 || day > 31) bad(at, n.Length, $"Day {day} in '{item}' is out of range; Day-of-month days are 1-31");
            return;
        }
        if (isDom && upper.StartsWith("L-", StringComparison.Ordinal))
        {
            bad(at, item.Length, $"'{item}' (an offset from the last day) is not an AWS cron form; Day-of-month takes L (the last day), LW (the last weekday) or nW");
            return;
        }
        if (isDow && (upper == "L" || upper.EndsWith("L", StringComparison.Ordinal) || upper.IndexOf('#') >= 0))
        {
            if (itemCount > 1)
            {
                bad(at, item.Length, upper.IndexOf('#') >= 0
                    ? $"With '#' the Day-of-week field takes one expression only ('{item}' is part of a list); AWS reads '3#1,6#3' as two expressions and rejects it"
                    : $"'{item}' must be the whole Day-of-week field; L cannot be combined with other values in a list");
                return;
            }
            if (upper == "L") return;
            if (upper.IndexOf('#') >= 0)
            {
                var hash = upper.IndexOf('#');
                var dayText = item.Substring(0, hash);
                var nthText = item.Substring(hash + 1);
                if (ParseValue(field, dayText) is not int d)
                    bad(at, dayText.Length, dayText.Length == 0
                        ? "'#' needs a day of the week before it, such as 3#2 (the second Tuesday) or TUE#2"
                        : $"'{dayText}' before '#' is not a day of the week; {field.Allowed.Replace("and the wildcards , - * ? L #", "")}".TrimEnd());
                else if (d < 1 || d > 7)
                    bad(at, dayText.Length, $"Day-of-week {d} is out of range; days of the week are 1-7 (1 is Sunday) or SUN-SAT");
                if (!IsDigits(nthText) || nthText.Length > 1 || nthText[0] < '1' || nthText[0] > '5')
                    bad(at + hash + 1, nthText.Length, $"'{nthText}' after '#' must be 1-5: which occurrence of that day in the month (3#2 is the second Tuesday)");
                return;
            }
            var before = item.Substring(0, item.Length - 1);
            if (ParseValue(field, before) is not int ld)
                bad(at, item.Length, $"'{item}' is not valid: write L alone (the last day of the week, Saturday) or a day before it, such as 6L (the last Friday of the month)");
            else if (ld < 1 || ld > 7)
                bad(at, before.Length, $"Day-of-week {ld} is out of range; days of the week are 1-7 (1 is Sunday) or SUN-SAT");
            return;
        }
        // range and step: a, a-b, */s, a/s, a-b/s
        var slash = item.IndexOf('/');
        var rangePart = slash < 0 ? item : item.Substring(0, slash);
        if (slash >= 0)
        {
            if (!field.Allows('/'))
            {
                bad(at + slash, item.Length - slash, $"'/' (increments) is not allowed in {field.Name}; {field.Allowed}");
                return;
            }
            var stepText = item.Substring(slash + 1);
            var span = field.Max - field.Min + 1;
            if (!IsDigits(stepText) || stepText.Length > 4)
                bad(at + slash + 1, stepText.Length, stepText.Length == 0
                    ? $"'/' must be followed by an increment, such as 0/15 (every 15 starting at 0)"
                    : $"The increment '{stepText}' after '/' must be a whole number 1-{span}");
            else
            {
                var step = int.Parse(stepText, CultureInfo.InvariantCulture);
                if (step < 1 || step > span)
                    bad(at + slash + 1, stepText.Length, $"The increment {step} is out of range; {field.Name} increments are 1-{span}");
            }
            if (rangePart.Length == 0)
            {
                bad(at, 0, $"'/' needs a start before it, such as 0/15 or */15");
                return;
            }
        }
        if (rangePart == "*") return;
        if (rangePart.IndexOf('*') >= 0)
        {
            bad(at + rangePart.IndexOf('*'), 1, $"'*' must stand alone (or as */n); '{item}' is not a valid {field.Name} value");
            return;
        }
        var dash = rangePart.IndexOf('-', 1 < rangePart.Length ? 1 : 0);
        if (dash > 0)
        {
            var aText = rangePart.Substring(0, dash);
            var bText = rangePart.Substring(dash + 1);
            var a = CheckValue(field, aText, at, bad);
            var b = CheckValue(field, bText, at + dash + 1, bad);
            if (a is int lo && b is int hi && lo > hi)
                bad(at, rangePart.Length, $"The range {aText}-{bText} runs backwards; write the smaller value first{(field.Name is "Hours" or "Day-of-week" or "Month" ? $", or split it into two ranges ({aText}-{ValueName(field, field.Max)},{ValueName(field, field.Min)}-{bText})" : "")}");
            return;
        }
        CheckValue(field, rangePart, at, bad);
    }

    private static string ValueName(FieldInfo field, int value) => field.Names is { } names ? names[value - field.Min] : value.ToString(CultureInfo.InvariantCulture);

    private static bool IsName(FieldInfo field, string upper) => field.Names is { } names && Array.IndexOf(names, upper) >= 0;

    private static int? CheckValue(FieldInfo field, string text, int at, Action<int, int, string> bad)
    {
        if (text.Length == 0)
        {
            bad(at, 0, $"A value is missing in {field.Name}; {field.Allowed}");
            return null;
        }
        if (ParseValue(field, text) is not int v)
        {
            bad(at, text.Length, $"'{text}' is not a valid {field.Name} value; {field.Allowed}");
            return null;
        }
        if (v < field.Min || v > field.Max)
        {
            bad(at, text.Length, $"{field.Name} value {text} is out of range; {field.Allowed}");
            return null;
        }
        return v;
    }

    /// <summary>A number or a name (case-insensitive), or null.</summary>
    internal static int? ParseValue(FieldInfo field, string text)
    {
        if (IsDigits(text))
            return text.Length > 6 ? int.MaxValue : int.Parse(text, CultureInfo.InvariantCulture);
        if (field.Names is { } names)
        {
            var i = Array.IndexOf(names, text.ToUpperInvariant());
            if (i >= 0) return field.Min + i;
        }
        return null;
    }

    private static string Truncate(string s, int max = 60) => s.Length > max ? s.Substring(0, max - 3) + "..." : s;

    // ---- description ---------------------------------------------------------------------------------

    /// <summary>The problems of an expression (empty when it is valid); <see cref="Parse"/> without the parsed form.</summary>
    public static EquatableArray<TextProblem> Check(string? expression, ScheduleTarget target = ScheduleTarget.Scheduler) => Parse(expression, target).Problems;

    /// <summary><see cref="Describe(ScheduleExpression, string?)"/> of a text; null when it is not a valid expression.</summary>
    public static string? Describe(string? expression, string? timeZone)
        => Parse(expression) is { IsValid: true, Expression: { } e } ? Describe(e, timeZone) : null;

    /// <summary>
    /// A short English description for hovers and the deploy plan: "every day at 02:00 (Europe/Berlin)",
    /// "every 15 minutes", "at 08:30 on Monday to Friday (UTC)", "once, on 2026-12-24 at 18:00 (Europe/Berlin)".
    /// </summary>
    public static string Describe(ScheduleExpression expression, string? timeZone)
    {
        var zone = " (" + (string.IsNullOrEmpty(timeZone) ? "UTC" : timeZone) + ")";
        switch (expression)
        {
            case RateExpression r:
                return (r.Value == 1 ? "every " + RateExpression.UnitWord(1, r.Unit) : "every " + r.Value.ToString(CultureInfo.InvariantCulture) + " " + RateExpression.UnitWord(r.Value, r.Unit))
                    + ", counted from when the schedule starts";
            case AtExpression a:
                return "once, on " + a.LocalTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " at "
                    + a.LocalTime.ToString(a.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture) + zone;
            case CronExpression c:
                return CronDescription.Describe(c) + zone;
            default:
                return expression.Text;
        }
    }
}

/// <summary>The compiled form of a valid cron expression: bit sets per field and the day rules.</summary>
internal sealed class CronSchedule
{
    private readonly ulong _minutes;
    private readonly ulong _hours;
    private readonly ulong _months;
    private readonly bool[] _years = new bool[2199 - 1970 + 1];
    private readonly ulong _daysOfMonth;
    private readonly ulong _daysOfWeek;
    private readonly bool _byDayOfWeek;
    private readonly bool _lastDay;
    private readonly bool _lastWeekday;
    private readonly int _nearestWeekday;
    private readonly int _lastOfWeekday;
    private readonly int _nthWeekday;
    private readonly int _nth;

    private CronSchedule(CronExpression e)
    {
        var f = ScheduleExpressions.Fields;
        _minutes = Mask(f[0], e.Minutes);
        _hours = Mask(f[1], e.Hours);
        _months = Mask(f[3], e.Month);
        foreach (var (lo, hi, step) in Items(f[5], e.Year))
            for (var y = lo; y <= hi; y += step) _years[y - 1970] = true;
        var dom = e.DayOfMonth.ToUpperInvariant();
        var dow = e.DayOfWeek.ToUpperInvariant();
        _byDayOfWeek = dom == "?";
        if (!_byDayOfWeek)
        {
            if (dom == "L") _lastDay = true;
            else if (dom == "LW") _lastWeekday = true;
            else if (dom.EndsWith("W", StringComparison.Ordinal)) _nearestWeekday = int.Parse(dom.Substring(0, dom.Length - 1), CultureInfo.InvariantCulture);
            else _daysOfMonth = Mask(f[2], dom);
        }
        else if (dow == "L") _daysOfWeek = 1UL << 7;
        else if (dow.IndexOf('#') is var hash && hash > 0)
        {
            _nthWeekday = ScheduleExpressions.ParseValue(f[4], dow.Substring(0, hash))!.Value;
            _nth = dow[hash + 1] - '0';
        }
        else if (dow.EndsWith("L", StringComparison.Ordinal)) _lastOfWeekday = ScheduleExpressions.ParseValue(f[4], dow.Substring(0, dow.Length - 1))!.Value;
        else _daysOfWeek = Mask(f[4], dow);
    }

    public static CronSchedule Compile(CronExpression e) => new(e);

    private static ulong Mask(ScheduleExpressions.FieldInfo field, string text)
    {
        ulong mask = 0;
        foreach (var (lo, hi, step) in Items(field, text))
            for (var v = lo; v <= hi; v += step) mask |= 1UL << v;
        return mask;
    }

    private static IEnumerable<(int Lo, int Hi, int Step)> Items(ScheduleExpressions.FieldInfo field, string text)
    {
        foreach (var item in text.Split(','))
        {
            var slash = item.IndexOf('/');
            var range = slash < 0 ? item : item.Substring(0, slash);
            var step = slash < 0 ? 1 : int.Parse(item.Substring(slash + 1), CultureInfo.InvariantCulture);
            int lo, hi;
            if (range == "*")
            {
                lo = field.Min;
                hi = field.Max;
            }
            else
            {
                var dash = range.IndexOf('-');
                if (dash > 0)
                {
                    lo = ScheduleExpressions.ParseValue(field, range.Substring(0, dash))!.Value;
                    hi = ScheduleExpressions.ParseValue(field, range.Substring(dash + 1))!.Value;
                }
                else
                {
                    lo = ScheduleExpressions.ParseValue(field, range)!.Value;
                    // a/s runs from a to the end of the field; a alone is just a.
                    hi = slash < 0 ? lo : field.Max;
                }
            }
            yield return (lo, hi, step);
        }
    }

    public DateTime? Next(DateTime after)
    {
        var t = new DateTime(after.Year, after.Month, after.Day, after.Hour, after.Minute, 0, DateTimeKind.Unspecified);
        if (t.Year > 2199) return null;
        t = t.AddMinutes(1);
        while (t.Year <= 2199)
        {
            if (t.Year < 1970 || !_years[t.Year - 1970])
            {
                var y = Math.Max(t.Year + 1, 1970);
                while (y <= 2199 && !_years[y - 1970]) y++;
                if (y > 2199) return null;
                t = new DateTime(y, 1, 1);
                continue;
            }
            if ((_months & (1UL << t.Month)) == 0)
            {
                t = new DateTime(t.Year, t.Month, 1).AddMonths(1);
                continue;
            }
            if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
                continue;
            }
            var h = t.Hour;
            while (h < 24 && (_hours & (1UL << h)) == 0) h++;
            if (h == 24)
            {
                t = t.Date.AddDays(1);
                continue;
            }
            var m = h == t.Hour ? t.Minute : 0;
            while (m < 60 && (_minutes & (1UL << m)) == 0) m++;
            if (m == 60)
            {
                t = t.Date.AddHours(h + 1);
                continue;
            }
            return t.Date.AddHours(h).AddMinutes(m);
        }
        return null;
    }

    private bool DayMatches(DateTime d)
    {
        var days = DateTime.DaysInMonth(d.Year, d.Month);
        if (!_byDayOfWeek)
        {
            if (_lastDay) return d.Day == days;
            if (_lastWeekday) return d.Day == NearestWeekday(d.Year, d.Month, days);
            if (_nearestWeekday > 0) return _nearestWeekday <= days && d.Day == NearestWeekday(d.Year, d.Month, _nearestWeekday);
            return (_daysOfMonth & (1UL << d.Day)) != 0;
        }
        var dow = (int)d.DayOfWeek + 1;
        if (_nthWeekday > 0) return dow == _nthWeekday && (d.Day - 1) / 7 + 1 == _nth;
        if (_lastOfWeekday > 0) return dow == _lastOfWeekday && d.Day + 7 > days;
        return (_daysOfWeek & (1UL << dow)) != 0;
    }

    /// <summary>The weekday (Mon-Fri) nearest to day <paramref name="day"/>, never leaving the month (Quartz's W).</summary>
    private static int NearestWeekday(int year, int month, int day)
    {
        var days = DateTime.DaysInMonth(year, month);
        var dow = new DateTime(year, month, day).DayOfWeek;
        if (dow == DayOfWeek.Saturday) return day == 1 ? 3 : day - 1;
        if (dow == DayOfWeek.Sunday) return day == days ? day - 2 : day + 1;
        return day;
    }
}
