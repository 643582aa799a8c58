using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Flowstate.Core.Deployment;

/// <summary>
/// English descriptions of valid cron expressions for hovers and the deploy plan. It covers the shapes
/// people write (a time of day, every n minutes, weekdays, the nth weekday, the last day) and falls back
/// to naming the fields for the rest; it never guesses.
/// </summary>
internal static class CronDescription
{
    private static readonly string[] DayNames = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };
    private static readonly string[] Ordinals = { "first", "second", "third", "fourth", "fifth" };

    public static string Describe(CronExpression c)
    {
        var f = ScheduleExpressions.Fields;
        var time = Time(c.Minutes, c.Hours);
        var everyDay = (c.DayOfMonth == "*" || c.DayOfWeek == "*");
        var day = everyDay ? "every day" : Day(c.DayOfMonth, c.DayOfWeek);
        var month = c.Month == "*" ? "" : " in " + List(f[3], c.Month, m => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(m));
        var year = c.Year == "*" ? "" : " in " + List(f[5], c.Year, y => y.ToString(CultureInfo.InvariantCulture));
        if (time.StartsWith("every", StringComparison.Ordinal))
            return time + (everyDay ? "" : " " + day) + month + year;
        return day + " " + time + month + year;
    }

    private static string Time(string minutes, string hours)
    {
        var ms = Singles(minutes, 0, 59);
        var hs = Singles(hours, 0, 23);
        if (ms is not null && hs is not null && ms.Count * hs.Count <= 6)
        {
            var times = hs.SelectMany(h => ms.Select(m => h.ToString("00", CultureInfo.InvariantCulture) + ":" + m.ToString("00", CultureInfo.InvariantCulture))).ToList();
            return "at " + Join(times);
        }
        var every = Step(minutes, 59);
        if (hours == "*")
        {
            if (minutes == "*") return "every minute";
            if (every is { } e) return e;
            if (ms is { Count: 1 }) return ms[0] == 0 ? "every hour, on the hour" : "every hour at minute " + ms[0].ToString(CultureInfo.InvariantCulture);
        }
        var hourRange = Range(hours, 0, 23);
        if (hourRange is { } r && (every is not null || minutes == "*"))
            return (every ?? "every minute") + " from " + r.Lo.ToString("00", CultureInfo.InvariantCulture) + ":00 to " + r.Hi.ToString("00", CultureInfo.InvariantCulture) + ":59";
        return "at minute " + minutes + " of hour " + hours;
    }

    /// <summary>"every 15 minutes" for */15 or 0/15 when it divides the hour; null otherwise.</summary>
    private static string? Step(string field, int max)
    {
        var slash = field.IndexOf('/');
        if (slash < 0) return null;
        var start = field.Substring(0, slash);
        var step = int.Parse(field.Substring(slash + 1), CultureInfo.InvariantCulture);
        if (start is not ("*" or "0")) return null;
        if ((max + 1) % step != 0) return null;
        return step == 1 ? "every minute" : "every " + step.ToString(CultureInfo.InvariantCulture) + " minutes";
    }

    private static (int Lo, int Hi)? Range(string field, int min, int max)
    {
        var dash = field.IndexOf('-');
        if (dash <= 0 || field.IndexOf(',') >= 0 || field.IndexOf('/') >= 0) return null;
        return (int.Parse(field.Substring(0, dash), CultureInfo.InvariantCulture), int.Parse(field.Substring(dash + 1), CultureInfo.InvariantCulture));
    }

    /// <summary>The values of a field made only of single numbers (5 or 5,10), else null.</summary>
    private static List<int>? Singles(string field, int min, int max)
    {
        var result = new List<int>();
        foreach (var item in field.Split(','))
        {
            if (item.Length == 0 || item.Any(ch => ch < '0' || ch > '9')) return null;
            result.Add(int.Parse(item, CultureInfo.InvariantCulture));
        }
        result.Sort();
        return result;
    }

    private static string Day(string dom, string dow)
    {
        var f = ScheduleExpressions.Fields;
        if (dom != "?")
        {
            var d = dom.ToUpperInvariant();
            if (d == "L") return "on the last day of the month";
            if (d == "LW") return "on the last weekday of the month";
            if (d.EndsWith("W", StringComparison.Ordinal)) return "on the weekday nearest day " + d.Substring(0, d.Length - 1) + " of the month";
            var days = Singles(dom, 1, 31);
            if (days is not null) return (days.Count == 1 ? "on day " : "on days ") + Join(days.Select(x => x.ToString(CultureInfo.InvariantCulture)).ToList()) + " of the month";
            return "on day-of-month " + dom;
        }
        var w = dow.ToUpperInvariant();
        if (w == "L") return "on Saturday (the last day of the week)";
        var hash = w.IndexOf('#');
        if (hash > 0)
            return "on the " + Ordinals[w[hash + 1] - '1'] + " " + DayNames[ScheduleExpressions.ParseValue(f[4], w.Substring(0, hash))!.Value - 1] + " of the month";
        if (w.EndsWith("L", StringComparison.Ordinal))
            return "on the last " + DayNames[ScheduleExpressions.ParseValue(f[4], w.Substring(0, w.Length - 1))!.Value - 1] + " of the month";
        return "on " + List(f[4], dow, x => DayNames[x - 1]);
    }

    /// <summary>"January and July", "Monday to Friday"; the field as written when it has steps.</summary>
    private static string List(ScheduleExpressions.FieldInfo field, string text, Func<int, string> name)
    {
        if (text.IndexOf('/') >= 0) return field.Name.ToLowerInvariant() + " " + text;
        var parts = new List<string>();
        foreach (var item in text.Split(','))
        {
            var dash = item.IndexOf('-');
            if (dash > 0)
                parts.Add(name(ScheduleExpressions.ParseValue(field, item.Substring(0, dash))!.Value) + " to " + name(ScheduleExpressions.ParseValue(field, item.Substring(dash + 1))!.Value));
            else
                parts.Add(name(ScheduleExpressions.ParseValue(field, item)!.Value));
        }
        return Join(parts);
    }

    private static string Join(IReadOnlyList<string> items)
        => items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[items.Count - 1];
}
