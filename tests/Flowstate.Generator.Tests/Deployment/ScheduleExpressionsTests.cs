using System.Globalization;
using Flowstate.Core.Deployment;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;

namespace Flowstate.Generator.Tests.Deployment;

public class ScheduleExpressionsTests
{
    // ---- accepted ----

    [Theory]
    [InlineData("rate(1 minute)")]
    [InlineData("rate(5 minutes)")]
    [InlineData("rate(1 hour)")]
    [InlineData("rate(12 hours)")]
    [InlineData("rate(1 day)")]
    [InlineData("rate(7 days)")]
    [InlineData("cron(0 2 * * ? *)")]
    [InlineData("cron(0 10 * * ? *)")]
    [InlineData("cron(15 12 * * ? *)")]
    [InlineData("cron(0 18 ? * MON-FRI *)")]
    [InlineData("cron(0 8 1 * ? *)")]
    [InlineData("cron(0/15 * * * ? *)")]
    [InlineData("cron(0/10 * ? * MON-FRI *)")]
    [InlineData("cron(0/5 8-17 ? * MON-FRI *)")]
    [InlineData("cron(0 9 ? * 2#1 *)")]
    [InlineData("cron(0 9 ? * TUE#2 *)")]
    [InlineData("cron(0 0 L * ? *)")]
    [InlineData("cron(0 0 LW * ? *)")]
    [InlineData("cron(0 0 15W * ? *)")]
    [InlineData("cron(0 0 ? * 6L *)")]
    [InlineData("cron(0 0 ? * L *)")]
    [InlineData("cron(0 0 1,15 JAN,jul ? 2026-2030)")]
    [InlineData("cron(*/30 * ? * * *)")]
    [InlineData("cron(5-55/10 1-23/2 1/3 1-12/3 ? 2027/2)")]
    [InlineData("cron(0  2  *  *  ?  *)")]
    [InlineData("cron(59 23 31 12 ? 2199)")]
    [InlineData("cron(0 0 ? * SUN,SAT 1970)")]
    [InlineData("at(2026-12-24T18:00:00)")]
    [InlineData("at(2028-02-29T00:00:59)")]
    public void Valid_Expression_HasNoProblems(string text)
    {
        var result = ScheduleExpressions.Parse(text);
        Assert.True(result.Problems.IsEmpty, string.Join("\n", result.Problems.Select(p => $"{p.Id} @{p.Offset}+{p.Length}: {p.Message}")));
        Assert.NotNull(result.Expression);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Parsed_Expressions_WriteBackAsAwsSpellsThem()
    {
        Assert.Equal("rate(5 minutes)", ScheduleExpressions.Parse("rate(5 minutes)").Expression!.Text);
        Assert.Equal(new RateExpression(1, RateUnit.Day), ScheduleExpressions.Parse("rate(1 day)").Expression);
        Assert.Equal(TimeSpan.FromHours(12), ((RateExpression)ScheduleExpressions.Parse("rate(12 hours)").Expression!).Interval);
        Assert.Equal("cron(0 2 * * ? *)", ScheduleExpressions.Parse("cron(0  2 * * ?   *)").Expression!.Text);
        Assert.Equal(new CronExpression("0", "18", "?", "*", "MON-FRI", "*"), ScheduleExpressions.Parse("cron(0 18 ? * MON-FRI *)").Expression);
        Assert.Equal(new AtExpression(2026, 12, 24, 18, 0, 0), ScheduleExpressions.Parse("at(2026-12-24T18:00:00)").Expression);
        Assert.Equal("at(2026-12-24T18:00:00)", new AtExpression(2026, 12, 24, 18, 0, 0).Text);
    }

    // ---- rejected: id, exact characters, message ----

    public static TheoryData<string, string, int, int, string> Invalid => new()
    {
        // text, id, offset, length, part of the message
        { "", DiagnosticIds.ScheduleExpressionMalformed, 0, 0, "empty" },
        { "every day", DiagnosticIds.ScheduleExpressionMalformed, 0, 9, "is not a schedule expression" },
        { "Cron(0 2 * * ? *)", DiagnosticIds.ScheduleExpressionMalformed, 0, 4, "lower case" },
        { "cron(0 2 * * ? *", DiagnosticIds.ScheduleExpressionMalformed, 16, 0, "no closing ')'" },
        { "cron(0 2 * * ? *) ", DiagnosticIds.ScheduleExpressionMalformed, 17, 1, "Nothing may follow" },
        { "cron(0 2 * * ?)", DiagnosticIds.ScheduleExpressionMalformed, 5, 9, "add the year field" },
        { "cron(0 2 * * ? * *)", DiagnosticIds.ScheduleExpressionMalformed, 17, 1, "remove the extra fields" },
        { "cron( 0 2 * * ? *)", DiagnosticIds.ScheduleExpressionMalformed, 5, 1, "Remove the spaces" },
        // cron fields, out of range: the number itself
        { "cron(60 2 * * ? *)", DiagnosticIds.CronFieldInvalid, 5, 2, "Minutes value 60 is out of range; Minutes takes 0-59 and the wildcards , - * /" },
        { "cron(0 24 * * ? *)", DiagnosticIds.CronFieldInvalid, 7, 2, "Hours value 24 is out of range; Hours takes 0-23" },
        { "cron(0 2 32 * ? *)", DiagnosticIds.CronFieldInvalid, 9, 2, "Day-of-month value 32 is out of range" },
        { "cron(0 2 0 * ? *)", DiagnosticIds.CronFieldInvalid, 9, 1, "Day-of-month value 0 is out of range" },
        { "cron(0 2 * 13 ? *)", DiagnosticIds.CronFieldInvalid, 11, 2, "Month value 13 is out of range; Month takes 1-12 or JAN-DEC" },
        { "cron(0 2 ? * 0 *)", DiagnosticIds.CronFieldInvalid, 13, 1, "Day-of-week value 0 is out of range; Day-of-week takes 1-7 or SUN-SAT (1 is Sunday)" },
        { "cron(0 2 ? * 8 *)", DiagnosticIds.CronFieldInvalid, 13, 1, "Day-of-week value 8 is out of range" },
        { "cron(0 2 * * ? 1969)", DiagnosticIds.CronFieldInvalid, 15, 4, "Year value 1969 is out of range; Year takes 1970-2199" },
        { "cron(0 2 * * ? 2200)", DiagnosticIds.CronFieldInvalid, 15, 4, "Year value 2200 is out of range" },
        { "cron(0 1,2,99 * * ? *)", DiagnosticIds.CronFieldInvalid, 11, 2, "Hours value 99" },
        { "cron(0 2 ? * MON-FRX *)", DiagnosticIds.CronFieldInvalid, 17, 3, "'FRX' is not a valid Day-of-week value" },
        { "cron(0 2 * JAM ? *)", DiagnosticIds.CronFieldInvalid, 11, 3, "'JAM' is not a valid Month value" },
        { "cron(0 2 * * MON *)", DiagnosticIds.CronDayFields, 9, 1, "write ? in Day-of-month to run on MON" },
        { "cron(0 22-2 * * ? *)", DiagnosticIds.CronFieldInvalid, 7, 4, "runs backwards" },
        { "cron(0/0 2 * * ? *)", DiagnosticIds.CronFieldInvalid, 7, 1, "increment 0 is out of range" },
        { "cron(0/ 2 * * ? *)", DiagnosticIds.CronFieldInvalid, 7, 0, "must be followed by an increment" },
        { "cron(0 2 ? * 1/2 *)", DiagnosticIds.CronFieldInvalid, 14, 2, "'/' (increments) is not allowed in Day-of-week" },
        { "cron(L 2 * * ? *)", DiagnosticIds.CronFieldInvalid, 5, 1, "'L' is not a valid Minutes value" },
        { "cron(0 2 * * ? L)", DiagnosticIds.CronFieldInvalid, 15, 1, "'L' is not a valid Year value" },
        { "cron(0 ? * * ? *)", DiagnosticIds.CronFieldInvalid, 7, 1, "'?' is allowed only in Day-of-month and Day-of-week" },
        { "cron(0 2 1,? * ? *)", DiagnosticIds.CronFieldInvalid, 11, 1, "'?' must be the whole Day-of-month field" },
        { "cron(0 2 1,,2 * ? *)", DiagnosticIds.CronFieldInvalid, 11, 0, "Empty value" },
        { "cron(0 2 L,15 * ? *)", DiagnosticIds.CronFieldInvalid, 9, 1, "must be the whole Day-of-month field" },
        { "cron(0 2 32W * ? *)", DiagnosticIds.CronFieldInvalid, 9, 2, "Day 32 in '32W' is out of range" },
        { "cron(0 2 L-3 * ? *)", DiagnosticIds.CronFieldInvalid, 9, 3, "not an AWS cron form" },
        { "cron(0 2 ? * 3#1,6#3 *)", DiagnosticIds.CronFieldInvalid, 13, 7, "one expression only" },
        { "cron(0 2 ? * 3#6 *)", DiagnosticIds.CronFieldInvalid, 15, 1, "must be 1-5" },
        { "cron(0 2 ? * 9#2 *)", DiagnosticIds.CronFieldInvalid, 13, 1, "Day-of-week 9 is out of range" },
        { "cron(0 2 ? * 8L *)", DiagnosticIds.CronFieldInvalid, 13, 1, "Day-of-week 8 is out of range" },
        { "cron(0 2 ? * 2W *)", DiagnosticIds.CronFieldInvalid, 13, 2, "'2W' is not a valid Day-of-week value" },
        { "cron(0 2 * * 2#1 *)", DiagnosticIds.CronDayFields, 9, 1, "exactly one of them must be '?'" },
        { "cron(0 2 ** * ? *)", DiagnosticIds.CronFieldInvalid, 9, 1, "'*' must stand alone" },
        // day fields
        { "cron(0 2 * * * *)", DiagnosticIds.CronDayFields, 9, 1, "write ? in Day-of-month" },
        { "cron(0 2 ? * ? *)", DiagnosticIds.CronDayFields, 13, 1, "both '?'" },
        { "cron(0 2 1 * MON *)", DiagnosticIds.CronDayFields, 13, 3, "are both set" },
        { "cron(0 2 15 * * *)", DiagnosticIds.CronDayFields, 14, 1, "write ? in Day-of-week to run on day 15" },
        // rate
        { "rate(2 day)", DiagnosticIds.RateUnitNumber, 7, 3, "write rate(2 days), not rate(2 day)" },
        { "rate(1 hours)", DiagnosticIds.RateUnitNumber, 7, 5, "write rate(1 hour), not rate(1 hours)" },
        { "rate(5 minute)", DiagnosticIds.RateUnitNumber, 7, 6, "rate(5 minutes)" },
        { "rate(0 minutes)", DiagnosticIds.RateValueOrUnitInvalid, 5, 1, "must be a positive integer" },
        { "rate(-5 minutes)", DiagnosticIds.RateValueOrUnitInvalid, 5, 2, "not a positive integer" },
        { "rate(1.5 hours)", DiagnosticIds.RateValueOrUnitInvalid, 5, 3, "not a positive integer" },
        { "rate(9999999999 minutes)", DiagnosticIds.RateValueOrUnitInvalid, 5, 10, "too large" },
        { "rate(2 weeks)", DiagnosticIds.RateValueOrUnitInvalid, 7, 5, "write rate(14 days)" },
        { "rate(30 seconds)", DiagnosticIds.RateValueOrUnitInvalid, 8, 7, "more often than once a minute" },
        { "rate(1 month)", DiagnosticIds.RateValueOrUnitInvalid, 7, 5, "use a cron(...) expression" },
        { "rate(2 Days)", DiagnosticIds.RateValueOrUnitInvalid, 7, 4, "lower case: 'days'" },
        { "rate(2 fortnights)", DiagnosticIds.RateValueOrUnitInvalid, 7, 10, "is not a rate unit" },
        { "rate(5)", DiagnosticIds.ScheduleExpressionMalformed, 5, 1, "takes a value and a unit" },
        { "rate(5 minutes now)", DiagnosticIds.ScheduleExpressionMalformed, 5, 13, "takes a value and a unit" },
        // at
        { "at(2026-02-30T10:00:00)", DiagnosticIds.InvalidDateTime, 11, 2, "Day 30 does not exist in February 2026; it has days 01-28" },
        { "at(2027-02-29T10:00:00)", DiagnosticIds.InvalidDateTime, 11, 2, "does not exist in February 2027" },
        { "at(2026-13-01T10:00:00)", DiagnosticIds.InvalidDateTime, 8, 2, "Month 13 does not exist" },
        { "at(2026-12-24T24:00:00)", DiagnosticIds.InvalidDateTime, 14, 2, "Hour 24 does not exist" },
        { "at(2026-12-24T18:60:00)", DiagnosticIds.InvalidDateTime, 17, 2, "Minute 60 does not exist" },
        { "at(2026-12-24T18:00:60)", DiagnosticIds.InvalidDateTime, 20, 2, "Second 60 does not exist" },
        { "at(2026-12-24 18:00:00)", DiagnosticIds.InvalidDateTime, 13, 1, "expected 'T' here, not ' '" },
        { "at(2026-12-24T18:00)", DiagnosticIds.InvalidDateTime, 3, 16, "is too short" },
        { "at(2026-12-24T18:00:00Z)", DiagnosticIds.InvalidDateTime, 22, 1, "the time zone is the schedule's time zone" },
        { "at(26-12-24T18:00:00)", DiagnosticIds.InvalidDateTime, 5, 1, "expected a digit here, not '-'" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_Expression_ReportsTheWrongCharacters(string text, string id, int offset, int length, string message)
    {
        var result = ScheduleExpressions.Parse(text);
        Assert.Null(result.Expression);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(id, problem.Id);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal((offset, length), (problem.Offset, problem.Length));
        Assert.InRange(problem.Offset + problem.Length, 0, text.Length);
    }

    [Fact]
    public void SeveralWrongFields_EachReported()
    {
        var result = ScheduleExpressions.Parse("cron(60 24 * 13 ? 1800)");
        Assert.Equal(new[] { (5, 2), (8, 2), (13, 2), (18, 4) }, result.Problems.Select(p => (p.Offset, p.Length)).ToArray());
        Assert.All(result.Problems, p => Assert.Equal(DiagnosticIds.CronFieldInvalid, p.Id));
    }

    [Theory]
    [InlineData("rate(2 day)", "days", "rate(2 days)")]
    [InlineData("rate(1 days)", "day", "rate(1 day)")]
    [InlineData("rate(1 Minutes)", "minute", "rate(1 minute)")]
    [InlineData("rate(10 Hour)", "hours", "rate(10 hours)")]
    [InlineData("cron(0 2 * * MON-FRI *)", "?", "cron(0 2 ? * MON-FRI *)")]
    [InlineData("cron(0 2 1 * * *)", "?", "cron(0 2 1 * ? *)")]
    [InlineData("Rate(5 minutes)", "rate", "rate(5 minutes)")]
    public void Replacement_FixesTheExpression(string text, string replacement, string fixedText)
    {
        var problem = Assert.Single(ScheduleExpressions.Parse(text).Problems);
        Assert.Equal(replacement, problem.Replacement);
        var repaired = text.Substring(0, problem.Offset) + problem.Replacement + text.Substring(problem.Offset + problem.Length);
        Assert.Equal(fixedText, repaired);
        Assert.True(ScheduleExpressions.Parse(repaired).IsValid);
    }

    [Fact]
    public void AtExpression_OnAnEventBridgeRule_IsNotSupported()
    {
        var p = Assert.Single(ScheduleExpressions.Parse("at(2026-12-24T18:00:00)", ScheduleTarget.EventBridgeRule).Problems);
        Assert.Equal(DiagnosticIds.ScheduleKindNotSupported, p.Id);
        Assert.Empty(ScheduleExpressions.Parse("cron(0 2 * * ? *)", ScheduleTarget.EventBridgeRule).Problems);
        Assert.Empty(ScheduleExpressions.Parse("rate(1 day)", ScheduleTarget.EventBridgeRule).Problems);
    }

    [Theory]
    [InlineData("2026-12-24T18:00:00Z", null)]
    [InlineData("2026-12-24T18:00:00.250Z", null)]
    [InlineData("2026-12-24T18:00:00+01:00", null)]
    [InlineData("2026-12-24T18:00:00", null)]
    [InlineData("2026-12-32T18:00:00Z", "Day 32 does not exist")]
    [InlineData("2026-12-24T18:00:00+25:00", "+hh:mm")]
    [InlineData("2026-12-24", "too short")]
    [InlineData("2026-12-24T18:00:00Zulu", "Unexpected 'ulu'")]
    public void StartAndEndDates_AreChecked(string text, string? message)
    {
        var problem = ScheduleExpressions.CheckDateTime(text);
        if (message is null) Assert.Null(problem);
        else
        {
            Assert.NotNull(problem);
            Assert.Equal(DiagnosticIds.InvalidDateTime, problem!.Id);
            Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        }
    }

    // ---- description ----

    [Theory]
    [InlineData("cron(0 2 * * ? *)", "Europe/Berlin", "every day at 02:00 (Europe/Berlin)")]
    [InlineData("cron(30 8 ? * MON-FRI *)", null, "on Monday to Friday at 08:30 (UTC)")]
    [InlineData("cron(0 9,17 ? * 2,4 *)", "UTC", "on Monday and Wednesday at 09:00 and 17:00 (UTC)")]
    [InlineData("cron(0/15 * * * ? *)", "UTC", "every 15 minutes (UTC)")]
    [InlineData("cron(*/5 8-17 ? * MON-FRI *)", "UTC", "every 5 minutes from 08:00 to 17:59 on Monday to Friday (UTC)")]
    [InlineData("cron(0 * * * ? *)", "UTC", "every hour, on the hour (UTC)")]
    [InlineData("cron(0 6 L * ? *)", "UTC", "on the last day of the month at 06:00 (UTC)")]
    [InlineData("cron(0 6 15W * ? *)", "UTC", "on the weekday nearest day 15 of the month at 06:00 (UTC)")]
    [InlineData("cron(0 6 ? * 6#3 *)", "UTC", "on the third Friday of the month at 06:00 (UTC)")]
    [InlineData("cron(0 6 ? * 5L *)", "UTC", "on the last Thursday of the month at 06:00 (UTC)")]
    [InlineData("cron(0 6 1,15 JAN-MAR ? 2027)", "UTC", "on days 1 and 15 of the month at 06:00 in January to March in 2027 (UTC)")]
    [InlineData("rate(1 day)", "UTC", "every day, counted from when the schedule starts")]
    [InlineData("rate(90 minutes)", "UTC", "every 90 minutes, counted from when the schedule starts")]
    [InlineData("at(2026-12-24T18:00:00)", "Europe/Berlin", "once, on 2026-12-24 at 18:00 (Europe/Berlin)")]
    public void Describe_SaysWhenItRuns(string text, string? zone, string expected)
        => Assert.Equal(expected, ScheduleExpressions.Describe(ScheduleExpressions.Parse(text).Expression!, zone));

    // ---- next occurrences on the wall clock ----

    [Theory]
    [InlineData("cron(0 2 * * ? *)", "2026-03-10 02:00", "2026-03-11 02:00")]
    [InlineData("cron(0 2 * * ? *)", "2026-03-10 01:59", "2026-03-10 02:00")]
    [InlineData("cron(0 0 L * ? *)", "2028-02-01 00:00", "2028-02-29 00:00")]
    [InlineData("cron(0 0 LW * ? *)", "2026-05-01 00:00", "2026-05-29 00:00")] // May 31 2026 is a Sunday
    [InlineData("cron(0 0 1W * ? *)", "2026-08-01 00:00", "2026-08-03 00:00")] // Aug 1 2026 is a Saturday: Monday the 3rd
    [InlineData("cron(0 0 15W * ? *)", "2026-08-01 00:00", "2026-08-14 00:00")] // Aug 15 2026 is a Saturday: Friday the 14th
    [InlineData("cron(0 0 31W * ? *)", "2026-08-01 00:00", "2026-08-31 00:00")]
    [InlineData("cron(0 9 ? * 3#2 *)", "2026-06-01 00:00", "2026-06-09 09:00")] // second Tuesday of June 2026
    [InlineData("cron(0 9 ? * 6L *)", "2026-06-01 00:00", "2026-06-26 09:00")]  // last Friday
    [InlineData("cron(0 9 ? * L *)", "2026-06-01 00:00", "2026-06-06 09:00")]   // L = Saturday
    [InlineData("cron(0 0 29 2 ? *)", "2026-03-01 00:00", "2028-02-29 00:00")]
    [InlineData("cron(0 12 1 1 ? 2030)", "2026-01-01 00:00", "2030-01-01 12:00")]
    [InlineData("cron(5-55/10 */2 * * ? *)", "2026-01-01 03:59", "2026-01-01 04:05")]
    public void NextLocal_FindsTheNextMatchingMinute(string text, string after, string expected)
    {
        var cron = (CronExpression)ScheduleExpressions.Parse(text).Expression!;
        Assert.Equal(DateTime.ParseExact(expected, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            cron.NextLocal(DateTime.ParseExact(after, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void NextLocal_AfterTheLastYear_IsNull()
    {
        var cron = (CronExpression)ScheduleExpressions.Parse("cron(0 12 1 1 ? 2030)").Expression!;
        Assert.Null(cron.NextLocal(new DateTime(2030, 1, 1, 12, 0, 0)));
        var never = (CronExpression)ScheduleExpressions.Parse("cron(0 0 30 2 ? *)").Expression!;
        Assert.Null(never.NextLocal(new DateTime(2026, 1, 1)));
    }

    /// <summary>
    /// Cronos (a well-kept evaluator, test-only) and ours agree on every expression both understand:
    /// random AWS expressions without a year restriction, translated to Cronos's five fields (AWS
    /// day-of-week 1-7 from Sunday becomes 0-6), 25 occurrences each from random instants, in UTC.
    /// </summary>
    [Fact]
    public void NextLocal_AgreesWithCronos_OnRandomExpressions()
    {
        var random = new Random(20261202);
        var compared = 0;
        for (var n = 0; n < 400; n++)
        {
            var byWeek = random.Next(2) == 0;
            var minutes = RandomField(random, 0, 59, names: null);
            var hours = RandomField(random, 0, 23, names: null);
            var month = RandomField(random, 1, 12, random.Next(3) == 0 ? new[] { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" } : null);
            string dom, dow, cronosDow;
            if (byWeek)
            {
                dom = "?";
                switch (random.Next(4))
                {
                    case 0:
                        var d = random.Next(1, 8);
                        var k = random.Next(1, 6);
                        dow = $"{d}#{k}";
                        cronosDow = $"{d - 1}#{k}";
                        break;
                    case 1:
                        var l = random.Next(1, 8);
                        dow = $"{l}L";
                        cronosDow = $"{l - 1}L";
                        break;
                    default:
                        var lo = random.Next(1, 8);
                        var hi = random.Next(lo, 8);
                        dow = random.Next(2) == 0 ? $"{lo}-{hi}" : $"{lo},{hi}";
                        cronosDow = random.Next(2) == 0 && dow.Contains('-') ? $"{lo - 1}-{hi - 1}" : dow.Contains('-') ? $"{lo - 1}-{hi - 1}" : $"{lo - 1},{hi - 1}";
                        break;
                }
            }
            else
            {
                dow = "?";
                cronosDow = "?";
                dom = random.Next(5) switch
                {
                    0 => "L",
                    1 => "LW",
                    2 => random.Next(1, 32) + "W",
                    _ => RandomField(random, 1, 31, names: null),
                };
            }
            var aws = $"cron({minutes} {hours} {dom} {month} {dow} *)";
            var parsed = ScheduleExpressions.Parse(aws);
            Assert.True(parsed.IsValid, aws + ": " + string.Join("; ", parsed.Problems.Select(p => p.Message)));
            var ours = (CronExpression)parsed.Expression!;
            var theirs = Cronos.CronExpression.Parse($"{minutes} {hours} {dom} {month} {cronosDow}");
            var t = new DateTime(2026, 1, 1).AddMinutes(random.Next(0, 60 * 24 * 365 * 3));
            var u = DateTime.SpecifyKind(t, DateTimeKind.Utc);
            for (var i = 0; i < 25; i++)
            {
                var a = ours.NextLocal(t);
                var b = theirs.GetNextOccurrence(u);
                Assert.True(a == (b is { } bb ? DateTime.SpecifyKind(bb, DateTimeKind.Unspecified) : null),
                    $"{aws} after {t:yyyy-MM-dd HH:mm}: ours {a:yyyy-MM-dd HH:mm}, Cronos {b:yyyy-MM-dd HH:mm}");
                if (a is null) break;
                t = a.Value;
                u = b!.Value;
                compared++;
            }
        }
        Assert.True(compared > 5000, $"only {compared} occurrences compared");
    }

    private static string RandomField(Random random, int min, int max, string[]? names)
    {
        string V(int v) => names is not null ? names[v - min] : v.ToString(CultureInfo.InvariantCulture);
        switch (random.Next(6))
        {
            case 0: return "*";
            case 1:
                return V(random.Next(min, max + 1));
            case 2:
                var lo = random.Next(min, max + 1);
                return V(lo) + "-" + V(random.Next(lo, max + 1));
            case 3:
                var a = random.Next(min, max + 1);
                var b = random.Next(min, max + 1);
                return a == b ? V(a) : V(Math.Min(a, b)) + "," + V(Math.Max(a, b));
            case 4:
                return random.Next(2) == 0 ? "*/" + random.Next(1, max - min + 1) : V(random.Next(min, max + 1)) + "/" + random.Next(1, max - min + 1);
            default:
                var s = random.Next(min, max + 1);
                return V(s) + "-" + V(random.Next(s, max + 1)) + "/" + random.Next(1, 5);
        }
    }

    // ---- robustness ----

    [Fact]
    public void Parse_NeverThrows_AndKeepsProblemsInsideTheText()
    {
        var random = new Random(7);
        var seeds = new[] { "cron(0 2 * * ? *)", "rate(5 minutes)", "at(2026-12-24T18:00:00)", "cron(0 9 ? * 3#2 *)", "cron(0 0 LW * ? *)" };
        const string alphabet = "0123456789 */,-?#LWlwJANMONrate()cronat:T";
        for (var n = 0; n < 20000; n++)
        {
            var chars = seeds[random.Next(seeds.Length)].ToCharArray().ToList();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(chars.Count + 1);
                switch (random.Next(3))
                {
                    case 0: chars.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    case 1: if (at < chars.Count) chars.RemoveAt(at); break;
                    default: if (at < chars.Count) chars[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
            }
            var text = new string(chars.ToArray());
            var result = ScheduleExpressions.Parse(text);
            Assert.True(result.IsValid || !result.Problems.IsEmpty, text);
            foreach (var p in result.Problems)
            {
                Assert.True(p.Offset >= 0 && p.Length >= 0 && p.Offset + p.Length <= text.Length, $"{text}: {p.Offset}+{p.Length}");
                Assert.False(string.IsNullOrWhiteSpace(p.Message));
            }
            if (result.Expression is CronExpression cron)
            {
                Assert.True(ScheduleExpressions.Parse(cron.Text).IsValid, cron.Text);
                cron.NextLocal(new DateTime(2026, 1, 1));
                ScheduleExpressions.Describe(cron, "UTC");
            }
        }
    }
}
