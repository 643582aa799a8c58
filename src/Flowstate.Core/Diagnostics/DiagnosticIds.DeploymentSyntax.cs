namespace Flowstate.Core.Diagnostics;

// Ids of the deployment building blocks (Deployment/*: schedules, time zones, event patterns, IAM).
// FLOW7101-7129 belong to these checks; FLOW7130-7149 to the deployment model's own rules.
// Docs: docs/diagnostics/FLOWnnnn.md.
public static partial class DiagnosticIds
{
    // Schedules (ScheduleExpressions, TimeZones)
    public const string ScheduleExpressionMalformed = "FLOW7101";
    public const string CronFieldInvalid = "FLOW7102";
    public const string CronDayFields = "FLOW7103";
    public const string RateUnitNumber = "FLOW7104";
    public const string RateValueOrUnitInvalid = "FLOW7105";
    public const string InvalidDateTime = "FLOW7106";
    public const string UnknownTimeZone = "FLOW7107";
    public const string ScheduleKindNotSupported = "FLOW7108";

    // Event patterns (EventPatterns)
    public const string EventPatternStructure = "FLOW7110";
    public const string EventPatternFilter = "FLOW7111";
}
