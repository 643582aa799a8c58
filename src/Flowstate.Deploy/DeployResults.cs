using System.Collections.Generic;

namespace Flowstate.Deploy;

// What each command found or did; printed as text, or as JSON with --output json (CI).

public sealed record PlannedChange(string Action, string LogicalId, string? ResourceType, string? Replacement, IReadOnlyList<string> Details);
public sealed record MachineDiff(string LogicalId, string? Name, IReadOnlyList<string> Lines);
public sealed record ScheduleChange(string LogicalId, string? Before, string? After, string? TimeZone, IReadOnlyList<string> NextRuns);

public sealed record PlanResult(string StackName, string Region, bool StackExists, bool NoChanges, IReadOnlyList<PlannedChange> Changes,
    IReadOnlyList<MachineDiff> Machines, IReadOnlyList<ScheduleChange> Schedules, IReadOnlyList<string> Warnings)
{
    public bool HasDestructiveChanges => Warnings.Count > 0;
}

public sealed record DeployResult(string StackName, string Region, string Outcome, string? StackStatus, PlanResult? Plan, IReadOnlyDictionary<string, string> Outputs,
    string? FailureReason);

public sealed record ExecutionSummary(string Name, string Status, string? StartDate, string? StopDate);
public sealed record MachineStatus(string Name, string LogicalId, string? Arn, IReadOnlyList<ExecutionSummary> LastExecutions);
public sealed record StatusResult(string StackName, string Region, bool Exists, string? StackStatus, string? StatusReason, string? LastUpdated,
    IReadOnlyDictionary<string, string> Outputs, IReadOnlyList<MachineStatus> Machines);

public sealed record StartResult(string Machine, string ExecutionArn, string? Status, string? Output, string? Error, string? Cause, string ConsoleUrl);

public sealed record DestroyResult(string StackName, string Region, string Outcome);
