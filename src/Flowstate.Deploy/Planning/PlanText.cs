using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Flowstate.Deploy.Aws;

namespace Flowstate.Deploy.Planning;

/// <summary>The plan as lines of text (the same words in a terminal and in a CI log).</summary>
public static class PlanText
{
    public static IReadOnlyList<string> Render(PlanResult plan)
    {
        var lines = new List<string>();
        if (plan.NoChanges)
        {
            lines.Add($"No changes: stack {plan.StackName} ({plan.Region}) is up to date.");
            return lines;
        }
        lines.Add(plan.StackExists ? $"Plan for stack {plan.StackName} ({plan.Region}):" : $"Plan for new stack {plan.StackName} ({plan.Region}):");
        foreach (var c in plan.Changes.OrderBy(c => Order(c.Action)).ThenBy(c => c.LogicalId, System.StringComparer.Ordinal))
        {
            lines.Add($"  {Symbol(c.Action)} {c.Action,-7} {c.LogicalId}  {c.ResourceType}");
            foreach (var d in c.Details) lines.Add($"        {d}");
        }
        foreach (var m in plan.Machines)
        {
            lines.Add($"State machine {m.LogicalId}{(m.Name is null || m.Name == m.LogicalId ? "" : $" ({m.Name})")}:");
            foreach (var l in m.Lines) lines.Add("    " + l);
        }
        foreach (var s in plan.Schedules)
        {
            var what = s.Before is null ? $"{s.After} (new)" : $"{s.Before} -> {s.After}";
            lines.Add($"Schedule {s.LogicalId}: {what}, time zone {s.TimeZone}");
            if (s.NextRuns.Count > 0) lines.Add("    next runs: " + string.Join(", ", s.NextRuns));
        }
        foreach (var w in plan.Warnings) lines.Add("WARNING: " + w);
        return lines;
    }

    private static int Order(string action) => action switch { "Remove" => 0, "Replace" => 1, "Modify" => 2, "Add" => 3, _ => 4 };

    private static string Symbol(string action) => action switch { "Add" => "+", "Remove" => "-", "Replace" => "!", "Modify" => "~", _ => "?" };
}

/// <summary>One line per interesting execution history event (states entered/left, failures).</summary>
public static class ExecutionText
{
    public static string? Describe(HistoryEvent e)
    {
        string? Detail(string detailKey, string field)
            => e.Details is not null && e.Details.TryGetValue(detailKey, out var d) && d.ValueKind == JsonValueKind.Object
               && d.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var key = char.ToLowerInvariant(e.Type[0]) + e.Type[1..] + "EventDetails";
        if (e.Type.EndsWith("StateEntered", System.StringComparison.Ordinal))
            return $"  -> {Detail("stateEnteredEventDetails", "name")} ({e.Type[..^"StateEntered".Length]})";
        if (e.Type.EndsWith("StateExited", System.StringComparison.Ordinal))
            return $"  ok {Detail("stateExitedEventDetails", "name")}";
        if (e.Type.EndsWith("Failed", System.StringComparison.Ordinal) || e.Type.EndsWith("TimedOut", System.StringComparison.Ordinal) || e.Type == "ExecutionAborted")
        {
            var error = Detail(key, "error");
            var cause = Detail(key, "cause");
            return $"  !! {e.Type}" + (error is null ? "" : $": {error}") + (cause is null ? "" : $" - {cause}");
        }
        return e.Type switch
        {
            "ExecutionStarted" => "  execution started",
            "ExecutionSucceeded" => "  execution succeeded",
            _ => null,
        };
    }
}
