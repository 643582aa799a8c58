using System.Text;
using Flowstate.Local;

namespace Flowstate.Local.Tests.Differential;

/// <summary>What a batch gave: cases compared, disagreements, Flowstate.Local's statuses, and each side's wall time (for the log only).</summary>
internal sealed record RunSummary(int Compared, List<Disagreement> Disagreements, List<string> Statuses, long NodeMilliseconds, long FlowstateMilliseconds);

/// <summary>A case on which the two tools disagree.</summary>
internal sealed record Disagreement(DiffCase Case, Outcome Flowstate, Outcome Node, string What)
{
    public override string ToString() => $"{Case.Id}: {What}\n  flowstate: {Flowstate}\n  node:      {Node}";
}

/// <summary>
/// A known difference where aws-local-stepfunctions is wrong, with the AWS documentation that says
/// what Step Functions does (and Flowstate.Local does). <see cref="Matches"/> recognizes exactly that
/// difference; the tests assert that every disagreement is matched by an entry and that every entry
/// matches at least one disagreement (so the list cannot go stale).
/// </summary>
internal sealed record AllowedDifference(string Name, string Documentation, Func<Disagreement, bool> Matches);

internal static class Comparison
{

    /// <summary>Null when both tools agree: same status, output (JSON equality), error, cause and states entered.</summary>
    public static string? Compare(DiffCase c, Outcome f, Outcome n)
    {
        if (f.Status != n.Status) return $"status {f.Status} vs {n.Status}";
        switch (f.Status)
        {
            case "SUCCEEDED":
                var fo = LocalJson.Parse(f.OutputJson ?? "null");
                var no = LocalJson.Parse(n.OutputJson ?? "null");
                if (!JsonCompare.EqualsLoose(fo, no)) return "output";
                break;
            case "FAILED" or "TIMED_OUT":
                if (f.Error != n.Error) return $"error {f.Error} vs {n.Error}";
                // The cause of an error the interpreter raises (States.Runtime, ...) is each tool's own
                // wording; a cause that comes from a Fail state or a task failure must be the same.
                if (!f.Error!.StartsWith("States.", StringComparison.Ordinal) && f.Cause != n.Cause) return "cause";
                break;
        }
        var top = c.TopLevelStates;
        var ft = f.States.Where(top.Contains).ToList();
        var nt = n.States.Where(top.Contains).ToList();
        if (f.Status == "LOOP")
        {
            var k = Math.Min(ft.Count, nt.Count);
            return ft.Take(k).SequenceEqual(nt.Take(k)) ? null : "states (loop prefix)";
        }
        if (!ft.SequenceEqual(nt)) return "states (top level)";
        if (!c.HasConcurrency) return f.States.SequenceEqual(n.States) ? null : "states";
        // Children of Parallel branches and Map iterations run concurrently: their order is not
        // defined, the multiset is (when the run succeeded: after a failure, which siblings' states
        // had started before they were stopped is timing, in AWS too).
        if (f.Status == "SUCCEEDED" && !c.ConcurrentTiming && !f.States.Order(StringComparer.Ordinal).SequenceEqual(n.States.Order(StringComparer.Ordinal)))
            return "states (nested, as a multiset)";
        return null;
    }

    /// <summary>Runs every case through both tools and returns the disagreements.</summary>
    public static RunSummary RunAll(IReadOnlyList<DiffCase> cases)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var node = NodeTool.Run(cases);
        var nodeMs = clock.ElapsedMilliseconds;
        clock.Restart();
        var disagreements = new List<Disagreement>();
        var statuses = new List<string>();
        var compared = 0;
        foreach (var c in cases)
        {
            var f = FlowstateSide.Run(c);
            statuses.Add(f.Status);
            var n = node[c.Id];
            compared++;
            var what = Compare(c, f, n);
            if (what is not null) disagreements.Add(new Disagreement(c, f, n, what));
        }
        return new RunSummary(compared, disagreements, statuses, nodeMs, clock.ElapsedMilliseconds);
    }

    /// <summary>Fails unless every disagreement is an allowed difference and every allowed difference occurred.</summary>
    public static void AssertOnlyAllowed(List<Disagreement> disagreements, IReadOnlyList<AllowedDifference> allowed, int compared, bool requireEveryAllowed = true)
    {
        var unexplained = disagreements.Where(d => !allowed.Any(a => a.Matches(d))).ToList();
        var unused = !requireEveryAllowed ? new List<string>() : allowed.Where(a => !disagreements.Any(a.Matches)).Select(a => a.Name).ToList();
        var message = new StringBuilder();
        if (unexplained.Count > 0)
        {
            message.AppendLine($"{unexplained.Count} of {compared} cases disagree with aws-local-stepfunctions (fix Flowstate.Local, or allow the difference with the AWS documentation that shows the other tool wrong):");
            foreach (var d in unexplained.Take(40)) message.AppendLine(d.ToString()).AppendLine("  " + d.Case.Describe());
        }
        if (unused.Count > 0)
            message.AppendLine($"allowed differences that no longer occur (remove them): {string.Join(", ", unused)}");
        Assert.True(message.Length == 0, message.ToString());
    }
}
