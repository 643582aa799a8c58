using System.Globalization;
using Flowstate.Core.Deployment;

namespace Flowstate.Generator.Tests.Deployment;

/// <summary>
/// Next run times as the deploy plan shows them. These use the host's time-zone database (the deploy
/// program does too); the analyzer never does.
/// </summary>
public class ScheduleOccurrencesTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static ScheduleExpression Parse(string text) => ScheduleExpressions.Parse(text).Expression!;

    private static string[] Format(IReadOnlyList<DateTimeOffset> times) => times.Select(t => t.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void DailyAt0200Berlin_NextThree_InLocalTime()
    {
        var from = new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(new[] { "2026-12-03T02:00+01:00", "2026-12-04T02:00+01:00", "2026-12-05T02:00+01:00" },
            Format(ScheduleOccurrences.Next(Parse("cron(0 2 * * ? *)"), from, Berlin, 3)));
    }

    [Fact]
    public void SpringForward_SkipsTheMissingWallClockTime()
    {
        // 2026-03-29 02:00 -> 03:00 in Berlin: 02:30 does not exist that day, the run is skipped.
        var from = new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(new[] { "2026-03-28T02:30+01:00", "2026-03-30T02:30+02:00", "2026-03-31T02:30+02:00" },
            Format(ScheduleOccurrences.Next(Parse("cron(30 2 * * ? *)"), from, Berlin, 3)));
    }

    [Fact]
    public void FallBack_RunsOnce_AtTheFirstOccurrence()
    {
        // 2026-10-25 03:00 -> 02:00 in Berlin: 02:30 happens twice, the schedule runs at the first.
        var from = new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(new[] { "2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00" },
            Format(ScheduleOccurrences.Next(Parse("cron(30 2 * * ? *)"), from, Berlin, 2)));
        // Asked from inside the repeated hour (after the first 02:30), the next run is the next day's.
        var inside = new DateTimeOffset(2026, 10, 25, 2, 15, 0, TimeSpan.FromHours(1));
        Assert.Equal(new[] { "2026-10-26T02:30+01:00" }, Format(ScheduleOccurrences.Next(Parse("cron(30 2 * * ? *)"), inside, Berlin, 1)));
    }

    [Fact]
    public void StartAndEndDates_Bound_TheRuns()
    {
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var start = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2026, 2, 3, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(new[] { "2026-02-01T12:00+00:00", "2026-02-02T12:00+00:00", "2026-02-03T12:00+00:00" },
            Format(ScheduleOccurrences.Next(Parse("cron(0 12 * * ? *)"), from, TimeZoneInfo.Utc, 10, start, end.AddTicks(1))));
        Assert.Equal(2, ScheduleOccurrences.Next(Parse("cron(0 12 * * ? *)"), from, TimeZoneInfo.Utc, 10, start, end.AddMinutes(-1)).Count);
    }

    [Fact]
    public void Rate_RunsEveryInterval_FromItsStart()
    {
        var from = new DateTimeOffset(2026, 1, 1, 10, 7, 0, TimeSpan.Zero);
        Assert.Equal(new[] { "2026-01-01T10:07+00:00", "2026-01-01T11:37+00:00", "2026-01-01T13:07+00:00" },
            Format(ScheduleOccurrences.Next(Parse("rate(90 minutes)"), from, TimeZoneInfo.Utc, 3)));
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(new[] { "2026-01-01T12:00+00:00", "2026-01-02T00:00+00:00" },
            Format(ScheduleOccurrences.Next(Parse("rate(12 hours)"), from, TimeZoneInfo.Utc, 2, start)));
    }

    [Fact]
    public void At_RunsOnce_InItsTimeZone_OrNotAtAll()
    {
        var from = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(new[] { "2026-12-24T18:00+01:00" }, Format(ScheduleOccurrences.Next(Parse("at(2026-12-24T18:00:00)"), from, Berlin, 3)));
        Assert.Empty(ScheduleOccurrences.Next(Parse("at(2025-12-24T18:00:00)"), from, Berlin, 3));
        Assert.Empty(ScheduleOccurrences.Next(Parse("at(2027-03-28T02:30:00)"), from, Berlin, 3)); // does not exist in Berlin
    }
}

public class NextRunsTests
{
    [Fact]
    public void NextRuns_AreUtcInstants_StrictlyAfterFrom()
    {
        var from = new DateTime(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc);
        var runs = ScheduleExpressions.NextRuns("cron(0 2 * * ? *)", "Europe/Berlin", from, 3);
        Assert.Equal(new[] { new DateTime(2026, 12, 3, 1, 0, 0), new DateTime(2026, 12, 4, 1, 0, 0), new DateTime(2026, 12, 5, 1, 0, 0) }, runs);
        Assert.All(runs, r => Assert.Equal(DateTimeKind.Utc, r.Kind));
        Assert.Equal(new[] { from.AddHours(1), from.AddHours(2) }, ScheduleExpressions.NextRuns("rate(1 hour)", null, from, 2));
    }

    [Fact]
    public void NextRuns_OfAnInvalidExpression_IsEmpty_AndAnUnknownZoneSaysWhichOne()
    {
        var from = new DateTime(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc);
        Assert.Empty(ScheduleExpressions.NextRuns("rate(2 day)", "UTC", from, 3));
        var e = Assert.Throws<TimeZoneNotFoundException>(() => ScheduleExpressions.NextRuns("rate(2 days)", "Mars/Olympus", from, 3));
        Assert.Contains("'Mars/Olympus'", e.Message, StringComparison.Ordinal);
        Assert.Equal("every day at 02:00 (Europe/Berlin)", ScheduleExpressions.Describe("cron(0 2 * * ? *)", "Europe/Berlin"));
        Assert.Null(ScheduleExpressions.Describe("cron(0 2 * * * *)", "Europe/Berlin"));
        Assert.Single(ScheduleExpressions.Check("cron(0 2 * * * *)"));
    }
}
