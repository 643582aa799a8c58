using System;
using System.Collections.Generic;

namespace Flowstate.Core.Deployment;

/// <summary>
/// The next run times of a schedule, for the deploy plan ("next three runs"). This is the only place
/// that needs time-zone rules, so it takes the host's <see cref="TimeZoneInfo"/>: it belongs to the
/// deploy program (which runs on a machine with a time-zone database), never to the analyzer, which
/// checks names against the embedded <see cref="TimeZones"/> table instead and must give the same
/// answer on every host.
/// </summary>
/// <remarks>
/// EventBridge Scheduler's daylight-saving rules (scheduler/latest/UserGuide/schedule-types.html):
/// a wall-clock time that spring-forward skips is skipped (no run that day); a wall-clock time that
/// fall-back repeats runs once, at its first occurrence. Rate schedules run every interval from their
/// start date, or from creation when none is given (here: <c>from</c>). An <c>at</c> schedule runs once
/// and ignores StartDate/EndDate. StartDate is inclusive, EndDate exclusive ("before which").
/// </remarks>
public static class ScheduleOccurrences
{
    public static IReadOnlyList<DateTimeOffset> Next(ScheduleExpression expression, DateTimeOffset from, TimeZoneInfo zone, int count,
        DateTimeOffset? startDate = null, DateTimeOffset? endDate = null)
    {
        if (expression is null) throw new ArgumentNullException(nameof(expression));
        if (zone is null) throw new ArgumentNullException(nameof(zone));
        var result = new List<DateTimeOffset>();
        if (count <= 0) return result;
        switch (expression)
        {
            case AtExpression at:
                {
                    var local = at.LocalTime;
                    if (zone.IsInvalidTime(local)) return result;
                    var instant = ToInstant(local, zone);
                    if (instant > from) result.Add(instant);
                    return result;
                }
            case RateExpression rate:
                {
                    var anchor = startDate ?? from;
                    var t = anchor;
                    if (t < from)
                    {
                        var steps = (from - anchor).Ticks / rate.Interval.Ticks;
                        t = anchor + TimeSpan.FromTicks(steps * rate.Interval.Ticks);
                        if (t < from) t += rate.Interval;
                    }
                    while (result.Count < count && (endDate is null || t < endDate))
                    {
                        result.Add(t.ToOffset(zone.GetUtcOffset(t)));
                        t += rate.Interval;
                    }
                    return result;
                }
            case CronExpression cron:
                {
                    var schedule = CronSchedule.Compile(cron);
                    var begin = startDate is { } s && s > from ? s.AddTicks(-1) : from;
                    var local = TimeZoneInfo.ConvertTime(begin, zone).DateTime;
                    // Bounded: each step advances the wall clock by at least a minute, and Next returns null after 2199.
                    while (result.Count < count)
                    {
                        var next = schedule.Next(local);
                        if (next is not { } candidate) break;
                        local = candidate;
                        if (zone.IsInvalidTime(candidate)) continue;
                        var instant = ToInstant(candidate, zone);
                        if (instant <= begin) continue;
                        if (endDate is { } e && instant >= e) break;
                        result.Add(instant);
                    }
                    return result;
                }
            default:
                return result;
        }
    }

    /// <summary>A wall-clock time of <paramref name="zone"/> as an instant; an ambiguous time (fall-back) is its first occurrence.</summary>
    private static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsAmbiguousTime(unspecified))
        {
            // The first occurrence is the one with the larger offset (still on daylight time).
            var offsets = zone.GetAmbiguousTimeOffsets(unspecified);
            offset = offsets[0] > offsets[offsets.Length - 1] ? offsets[0] : offsets[offsets.Length - 1];
        }
        else
        {
            offset = zone.GetUtcOffset(unspecified);
        }
        return new DateTimeOffset(unspecified, offset);
    }
}

public static partial class ScheduleExpressions
{
    /// <summary>
    /// The next <paramref name="count"/> runs (UTC, Kind Utc) strictly after <paramref name="fromUtc"/> of
    /// <paramref name="expression"/> evaluated in <paramref name="timeZone"/> (IANA; null means UTC), for the
    /// deploy plan; empty when the expression is not valid. Deploy side only: it resolves the zone with the
    /// host's <see cref="TimeZoneInfo"/> and throws <see cref="TimeZoneNotFoundException"/>, with the name, when
    /// the host does not know it (the analyzer has already checked it against <see cref="TimeZones"/>).
    /// Rate schedules count from <paramref name="fromUtc"/> (no start date known here).
    /// </summary>
    public static IReadOnlyList<DateTime> NextRuns(string? expression, string? timeZone, DateTime fromUtc, int count)
    {
        if (Parse(expression) is not { IsValid: true, Expression: { } parsed }) return Array.Empty<DateTime>();
        TimeZoneInfo zone;
        if (string.IsNullOrEmpty(timeZone)) zone = TimeZoneInfo.Utc;
        else
        {
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone!);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                throw new TimeZoneNotFoundException($"This machine's time-zone database does not know '{timeZone}'; install the IANA tz database (tzdata, or ICU on Windows) to compute run times in it", e);
            }
        }
        var from = new DateTimeOffset(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc));
        var result = new List<DateTime>(Math.Max(0, count));
        foreach (var run in ScheduleOccurrences.Next(parsed, from, zone, count + 1))
            if (run > from && result.Count < count) result.Add(run.UtcDateTime);
        return result;
    }
}
