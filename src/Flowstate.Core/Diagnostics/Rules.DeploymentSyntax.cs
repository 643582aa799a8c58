using System;
using System.Collections.Generic;

namespace Flowstate.Core.Diagnostics;

// Descriptors of the deployment building blocks (Deployment/*). Each check produces a complete
// sentence (what is wrong, what is allowed) as a TextProblem or DiagnosticInfo whose only message
// argument is that sentence, so the CLI and the deploy program print the same text as the IDE.
// Kept out of Rules.Model: the analyzer that reports them (the deployment declarations' analyzer)
// adds Descriptors.DeploymentSyntaxRules to its SupportedDiagnostics.
public static partial class Rules
{
    public const string ScheduleCategory = "Flowstate.Schedule";
    public const string EventPatternCategory = "Flowstate.EventPattern";
    public const string IamCategory = "Flowstate.Iam";

    private static readonly List<Rule> DeploymentList = new();

    private static Rule D(string id, string title, string category, RuleSeverity severity, string description)
    {
        var d = new Rule(id, title, "{0}", category, severity, description);
        DeploymentList.Add(d);
        return d;
    }

    /// <summary>The rules of the deployment building blocks (FLOW71xx), in id order.</summary>
    public static IReadOnlyList<Rule> DeploymentSyntax => DeploymentList;

    public static readonly Rule ScheduleExpressionMalformed = D(DiagnosticIds.ScheduleExpressionMalformed,
        "Schedule expression is malformed", ScheduleCategory, RuleSeverity.Error,
        "A schedule expression is rate(value unit), cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss), in lower case, with nothing around it. AWS cron expressions have six fields: the sixth is the year.");

    public static readonly Rule CronFieldInvalid = D(DiagnosticIds.CronFieldInvalid,
        "Cron field value is invalid", ScheduleCategory, RuleSeverity.Error,
        "Each cron field takes its own values and wildcards: Minutes 0-59 (, - * /), Hours 0-23 (, - * /), Day-of-month 1-31 (, - * ? / L W), Month 1-12 or JAN-DEC (, - * /), Day-of-week 1-7 or SUN-SAT with 1 = Sunday (, - * ? L #), Year 1970-2199 (, - * /).");

    public static readonly Rule CronDayFields = D(DiagnosticIds.CronDayFields,
        "Exactly one of Day-of-month and Day-of-week must be '?'", ScheduleCategory, RuleSeverity.Error,
        "AWS cron expressions cannot restrict both the day of the month and the day of the week: one of the two fields must be '?' and the other a value or '*'.");

    public static readonly Rule RateUnitNumber = D(DiagnosticIds.RateUnitNumber,
        "Rate unit must agree with the value", ScheduleCategory, RuleSeverity.Error,
        "A rate of 1 takes the singular unit (rate(1 day)), any other value the plural (rate(2 days)); AWS rejects the other combinations.");

    public static readonly Rule RateValueOrUnitInvalid = D(DiagnosticIds.RateValueOrUnitInvalid,
        "Rate value or unit is invalid", ScheduleCategory, RuleSeverity.Error,
        "rate(value unit) takes a positive whole number and one of minute(s), hour(s), day(s), in lower case.");

    public static readonly Rule InvalidDateTime = D(DiagnosticIds.InvalidDateTime,
        "Date or time is invalid", ScheduleCategory, RuleSeverity.Error,
        "at(...) takes a local date and time yyyy-mm-ddThh:mm:ss that exists in the calendar; StartDate and EndDate take yyyy-mm-ddThh:mm:ss with Z or an offset.");

    public static readonly Rule UnknownTimeZone = D(DiagnosticIds.UnknownTimeZone,
        "Unknown time zone", ScheduleCategory, RuleSeverity.Error,
        "Schedules take an IANA time-zone name such as Europe/Berlin or America/New_York. Flowstate checks names against the IANA tz database it embeds, so the answer is the same on every machine.");

    public static readonly Rule ScheduleKindNotSupported = D(DiagnosticIds.ScheduleKindNotSupported,
        "Schedule expression not supported here", ScheduleCategory, RuleSeverity.Error,
        "EventBridge rules take rate(...) and cron(...) expressions evaluated in UTC; one-time at(...) expressions need EventBridge Scheduler.");

    public static readonly Rule EventPatternStructure = D(DiagnosticIds.EventPatternStructure,
        "Event pattern is malformed", EventPatternCategory, RuleSeverity.Error,
        "An EventBridge event pattern is a JSON object whose leaves are arrays of values or content filters; EventBridge rejects other shapes.");

    public static readonly Rule EventPatternFilter = D(DiagnosticIds.EventPatternFilter,
        "Event pattern content filter is invalid", EventPatternCategory, RuleSeverity.Error,
        "Content filters are objects with one known key: prefix, suffix, anything-but, numeric, exists, cidr, wildcard or equals-ignore-case, each with the value type EventBridge expects.");
}
