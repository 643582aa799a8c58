using System;
using System.Collections.Generic;
using System.Linq;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Model;
using static Flowstate.Core.Validation.ValidationContext;
using StateTypes = Flowstate.Core.Asl.AslVocabulary.StateTypes;

namespace Flowstate.Core.Validation;

/// <summary>
/// FLOW1xxx: transition targets, duplicate names, End/Next, reachability from StartAt, paths to a
/// terminal state, loops without a Wait. Everything is linear: one dictionary per scope, BFS for
/// reachability, Tarjan (iterative) for loops.
/// </summary>
internal static class GraphRules
{
    public static void Run(ValidationContext ctx)
    {
        CheckDuplicates(ctx);
        foreach (var scope in ctx.Scopes)
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            CheckScope(ctx, scope);
        }
        foreach (var state in ctx.States)
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            CheckTransitionsFields(ctx, state);
        }
    }

    private static void CheckDuplicates(ValidationContext ctx)
    {
        foreach (var state in ctx.States)
        {
            var all = ctx.StatesByName[state.Name];
            if (all.Count < 2 || ReferenceEquals(all[0], state)) continue;
            var first = all[0];
            var where = ReferenceEquals(first.Scope, state.Scope)
                ? "twice in " + state.Scope.Describe()
                : "in " + first.Scope.Describe() + " and in " + state.Scope.Describe();
            ctx.Report(Rules.DuplicateStateName, AtName(state.Spec), state.Name, where);
        }
    }

    /// <summary>A transition written in the definition: who, which field, where it goes.</summary>
    private readonly struct Edge
    {
        public Edge(StateInfo from, string target, string subject, SourceRef location)
        {
            From = from;
            Target = target;
            Subject = subject;
            Location = location;
        }

        public StateInfo From { get; }
        public string Target { get; }
        public string Subject { get; }
        public SourceRef Location { get; }
    }

    private static IEnumerable<Edge> EdgesOf(StateInfo state)
    {
        var s = state.Spec;
        if (s.Next is not null) yield return new Edge(state, s.Next, $"State '{s.Name}' transitions to", At(s, "Next"));
        if (s.Default is not null) yield return new Edge(state, s.Default, $"Default of Choice state '{s.Name}' is", At(s, "Default"));
        if (s.Choices is { } rules)
            for (var i = 0; i < rules.Count; i++)
                if (rules[i].Next is { } next)
                    yield return new Edge(state, next, $"Choice rule {Ordinal(i)} of state '{s.Name}' goes to", AtRule(s, i, rules[i], "Next"));
        if (s.Catch is { } catchers)
            for (var i = 0; i < catchers.Count; i++)
                if (catchers[i].Next is { } next)
                    yield return new Edge(state, next, $"Catcher {Ordinal(i)} of state '{s.Name}' goes to", AtCatch(s, i, "Next"));
    }

    private static bool IsKnownType(StateSpec s) => s.Raw is null && s.Type is not null && Array.IndexOf(AslFacts.StateTypes, s.Type) >= 0;

    private static void CheckScope(ValidationContext ctx, ScopeInfo scope)
    {
        CheckStartAtAndStates(ctx, scope);
        if (scope.States.Count == 0) return;
        var graph = BuildGraph(ctx, scope);

        // The rest needs a known StartAt; without it every state would look unreachable.
        if (scope.Spec.StartAt is null || !scope.ByName.TryGetValue(scope.Spec.StartAt, out var start)) return;
        // A duplicate name makes the graph ambiguous; the duplicate itself is reported.
        if (scope.States.Any(s => !ReferenceEquals(scope.ByName[s.Name], s))) return;

        var startIndex = graph.Index[start];
        var reachable = ReportUnreachable(ctx, scope, graph, start, startIndex);
        if (ReportNoWayToEnd(ctx, scope, graph, reachable, startIndex) is not { } trapped) return;
        ReportLoopsWithoutWait(ctx, scope, graph, reachable, trapped);
    }

    /// <summary>The transitions of one scope by state index; <c>BrokenTransition</c> marks states with a transition to no state.</summary>
    private sealed record ScopeGraph(Dictionary<StateInfo, int> Index, List<int>[] Successors, List<int>[] Predecessors, bool[] BrokenTransition);

    private static void CheckStartAtAndStates(ValidationContext ctx, ScopeInfo scope)
    {
        var spec = scope.Spec;
        if (scope.States.Count == 0 && (spec.HasStates || FindExtra(spec.Extras, "States") is null) && !(scope.Kind == ScopeRole.Root && FindExtra(ctx.Machine.Extras, "States") is not null))
        {
            ctx.Report(Rules.EmptyStates, ctx.At(scope, "States"), scope.DescribeCapitalized());
        }
        if (spec.StartAt is null)
        {
            if (FindExtra(spec.Extras, "StartAt") is null && !(scope.Kind == ScopeRole.Root && FindExtra(ctx.Machine.Extras, "StartAt") is not null))
                ctx.Report(Rules.MissingStartAt, ctx.At(scope, "StartAt"), scope.DescribeCapitalized());
        }
        else if (!scope.ByName.ContainsKey(spec.StartAt))
        {
            ReportBadTarget(ctx, scope, null, spec.StartAt, "StartAt of " + scope.Describe() + " names", ctx.At(scope, "StartAt"));
        }
    }

    /// <summary>The scope's transitions (Next, Default, Choice rules, Catch); a transition to no state is reported here.</summary>
    private static ScopeGraph BuildGraph(ValidationContext ctx, ScopeInfo scope)
    {
        var n = scope.States.Count;
        var index = new Dictionary<StateInfo, int>(n);
        for (var i = 0; i < n; i++) index[scope.States[i]] = i;

        var successors = new List<int>[n];
        var predecessors = new List<int>[n];
        var brokenTransition = new bool[n];
        for (var i = 0; i < n; i++) { successors[i] = new List<int>(2); predecessors[i] = new List<int>(1); }
        for (var i = 0; i < n; i++)
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            var state = scope.States[i];
            foreach (var edge in EdgesOf(state))
            {
                if (scope.ByName.TryGetValue(edge.Target, out var target))
                {
                    var j = index[target];
                    successors[i].Add(j);
                    predecessors[j].Add(i);
                }
                else
                {
                    brokenTransition[i] = true;
                    ReportBadTarget(ctx, scope, state, edge.Target, edge.Subject, edge.Location);
                }
            }
        }
        return new ScopeGraph(index, successors, predecessors, brokenTransition);
    }

    /// <summary>Reports the states StartAt cannot reach (alone, or in a cycle of their own); returns which are reachable.</summary>
    private static bool[] ReportUnreachable(ValidationContext ctx, ScopeInfo scope, ScopeGraph graph, StateInfo start, int startIndex)
    {
        var n = scope.States.Count;
        var reachable = new bool[n];
        var queue = new Queue<int>();
        reachable[startIndex] = true;
        queue.Enqueue(startIndex);
        while (queue.Count > 0)
        {
            var i = queue.Dequeue();
            foreach (var j in graph.Successors[i])
                if (!reachable[j]) { reachable[j] = true; queue.Enqueue(j); }
        }

        for (var i = 0; i < n; i++)
        {
            if (reachable[i]) continue;
            var state = scope.States[i];
            if (state.Spec.Raw is not null) continue; // not a state at all: FLOW4002 says so
            var from = graph.Predecessors[i].Where(p => p != i).Distinct().Select(p => scope.States[p].Name).ToList();
            if (from.Count == 0)
                ctx.Report(Rules.UnreachableState, state.Spec.Location, state.Name, scope.Describe());
            else
                ctx.Report(Rules.UnreachableCycle, state.Spec.Location, state.Name, scope.Describe(), start.Name,
                    (from.Count == 1 ? "state " : "states ") + Quote(from));
        }
        return reachable;
    }

    /// <summary>
    /// Terminal analysis: a scope without any terminal state, and the reachable states from which no path
    /// leads to an end. Returns the trapped states, or null when the scope has no terminal state at all
    /// (reported; nothing more to say about its loops). States whose fate is unknown (invalid type, broken
    /// or missing transition) count as terminal so that one mistake does not cascade into loop warnings.
    /// </summary>
    private static bool[]? ReportNoWayToEnd(ValidationContext ctx, ScopeInfo scope, ScopeGraph graph, bool[] reachable, int startIndex)
    {
        var n = scope.States.Count;
        var hasTerminal = false;
        var hasUnknown = false;
        var canEnd = new bool[n];
        var endQueue = new Queue<int>();
        for (var i = 0; i < n; i++)
        {
            var s = scope.States[i].Spec;
            var terminal = s.End == true || s.Type is StateTypes.Succeed or StateTypes.Fail;
            hasTerminal |= terminal;
            var unknown = !IsKnownType(s) || graph.BrokenTransition[i]
                || (s.Type is not (StateTypes.Choice or StateTypes.Succeed or StateTypes.Fail) && s.Next is null && s.End != true);
            hasUnknown |= !IsKnownType(s);
            if (terminal || unknown) { canEnd[i] = true; endQueue.Enqueue(i); }
        }
        if (!hasTerminal && !hasUnknown)
        {
            ctx.Report(Rules.NoTerminalState, ctx.At(scope, "States"), scope.DescribeCapitalized());
            return null;
        }
        while (endQueue.Count > 0)
        {
            var i = endQueue.Dequeue();
            foreach (var p in graph.Predecessors[i])
                if (!canEnd[p]) { canEnd[p] = true; endQueue.Enqueue(p); }
        }
        var trapped = new bool[n];
        for (var i = 0; i < n; i++) trapped[i] = reachable[i] && !canEnd[i];
        for (var i = 0; i < n; i++)
        {
            if (!trapped[i]) continue;
            var isEntry = i == startIndex || graph.Predecessors[i].Any(p => reachable[p] && !trapped[p]);
            if (!isEntry) continue;
            var loop = ReachableFrom(i, graph.Successors, n).Select(k => scope.States[k].Name).ToList();
            var what = loop.Count == 1 ? "it" : "the states " + Quote(loop);
            ctx.Report(Rules.NoPathToEnd, scope.States[i].Spec.Location, scope.States[i].Name, scope.Describe(), what);
        }
        return trapped;
    }

    /// <summary>Loops without a Wait state or anything else that paces them (trapped loops are already reported).</summary>
    private static void ReportLoopsWithoutWait(ValidationContext ctx, ScopeInfo scope, ScopeGraph graph, bool[] reachable, bool[] trapped)
    {
        var n = scope.States.Count;
        foreach (var component in StronglyConnected(graph.Successors, reachable, n))
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            if (component.Count == 1 && !graph.Successors[component[0]].Contains(component[0])) continue;
            if (component.All(k => trapped[k])) continue;
            if (component.Any(k => scope.States[k].Type == StateTypes.Wait)) continue;
            // A state that blocks on something external (a .sync job, a task token, an activity, a
            // Map or Parallel) paces the loop; a loop of quick calls, Pass and Choice states does not.
            if (component.Any(k => WaitsOnSomething(scope.States[k].Spec))) continue;
            component.Sort();
            var first = scope.States[component[0]];
            ctx.Report(Rules.LoopWithoutWait, first.Spec.Location, Quote(component.Select(k => scope.States[k].Name), 6), scope.Describe());
        }
    }

    private static bool WaitsOnSomething(StateSpec s)
    {
        if (s.Type is StateTypes.Map or StateTypes.Parallel) return true;
        if (s.Type != StateTypes.Task) return false;
        var info = ResourceInfo.Parse(s.Resource);
        return info.Kind == ResourceKind.Activity || info.Pattern != Model.IntegrationCatalog.RequestResponse;
    }

    private static List<int> ReachableFrom(int from, List<int>[] successors, int n)
    {
        var seen = new bool[n];
        var order = new List<int>();
        var queue = new Queue<int>();
        seen[from] = true;
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            var i = queue.Dequeue();
            order.Add(i);
            foreach (var j in successors[i])
                if (!seen[j]) { seen[j] = true; queue.Enqueue(j); }
        }
        order.Sort();
        return order;
    }

    /// <summary>Tarjan's algorithm without recursion (a long chain of states must not overflow the stack).</summary>
    private static List<List<int>> StronglyConnected(List<int>[] successors, bool[] include, int n)
    {
        var result = new List<List<int>>();
        var indexOf = new int[n];
        var low = new int[n];
        var onStack = new bool[n];
        for (var i = 0; i < n; i++) indexOf[i] = -1;
        var stack = new Stack<int>();
        var counter = 0;
        var work = new Stack<(int Node, int Next)>();
        for (var root = 0; root < n; root++)
        {
            if (!include[root] || indexOf[root] >= 0) continue;
            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (v, next) = work.Pop();
                if (next == 0)
                {
                    indexOf[v] = low[v] = counter++;
                    stack.Push(v);
                    onStack[v] = true;
                }
                var recursed = false;
                var succ = successors[v];
                for (var k = next; k < succ.Count; k++)
                {
                    var w = succ[k];
                    if (!include[w]) continue;
                    if (indexOf[w] < 0)
                    {
                        work.Push((v, k + 1));
                        work.Push((w, 0));
                        recursed = true;
                        break;
                    }
                    if (onStack[w]) low[v] = Math.Min(low[v], indexOf[w]);
                }
                if (recursed) continue;
                if (low[v] == indexOf[v])
                {
                    var component = new List<int>();
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack[w] = false;
                        component.Add(w);
                    } while (w != v);
                    result.Add(component);
                }
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }
        return result;
    }

    private static void ReportBadTarget(ValidationContext ctx, ScopeInfo scope, StateInfo? from, string target, string subject, SourceRef location)
    {
        if (ctx.StatesByName.TryGetValue(target, out var elsewhere))
        {
            var other = elsewhere[0];
            var hint = "";
            if (IsAncestor(other.Scope, scope) && scope.Owner is not null)
            {
                // Leaving a branch/processor: the fix is to end it and continue from the owning state.
                var outer = scope;
                while (outer.Owner is not null && !ReferenceEquals(outer.Owner.Scope, other.Scope)) outer = outer.Owner.Scope;
                hint = $"; end {scope.Describe()} with End: true and continue from '{outer.Owner!.Name}' with Next";
            }
            ctx.Report(Rules.TransitionOutOfScope, location, subject, target, other.Scope.Describe(), scope.Describe(), hint);
            return;
        }
        var suggestion = Suggest(target, scope.States.Select(s => s.Name));
        ctx.Report(Rules.TransitionTargetNotFound, location, subject, target, scope.Describe(),
            suggestion is null ? "" : $"; did you mean '{suggestion}'?");
    }

    private static bool IsAncestor(ScopeInfo candidate, ScopeInfo scope)
    {
        for (var s = scope.Owner?.Scope; s is not null; s = s.Owner?.Scope)
            if (ReferenceEquals(s, candidate)) return true;
        return false;
    }

    /// <summary>The closest name (edit distance, case-insensitive first), or null when nothing is close.</summary>
    internal static string? Suggest(string target, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestScore = int.MaxValue;
        var limit = Math.Max(2, target.Length / 3);
        foreach (var c in candidates)
        {
            if (string.Equals(c, target, StringComparison.OrdinalIgnoreCase)) return c;
            if (Math.Abs(c.Length - target.Length) > limit) continue;
            var d = EditDistance(target, c, limit);
            if (d <= limit && d < bestScore) { bestScore = d; best = c; }
        }
        return best;
    }

    private static int EditDistance(string a, string b, int limit)
    {
        if (a.Length > 200 || b.Length > 200) return int.MaxValue;
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = cur[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                cur[j] = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                rowMin = Math.Min(rowMin, cur[j]);
            }
            if (rowMin > limit) return int.MaxValue;
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    internal static Json.JsonValue? FindExtra(EquatableArray<ExtraField> extras, string name)
    {
        foreach (var e in extras)
            if (string.Equals(e.Name, name, StringComparison.Ordinal)) return e.Value;
        return null;
    }

    private static void CheckTransitionsFields(ValidationContext ctx, StateInfo state)
    {
        var s = state.Spec;
        if (!IsKnownType(s)) return;
        var nextMistyped = FindExtra(s.Extras, "Next") is not null || FindExtra(s.Extras, "End") is not null;
        switch (s.Type)
        {
            case StateTypes.Choice:
                if (s.Next is not null) ctx.Report(Rules.ChoiceWithNextOrEnd, At(s, "Next"), s.Name, "Next");
                if (s.End is not null) ctx.Report(Rules.ChoiceWithNextOrEnd, At(s, "End"), s.Name, "End");
                if ((s.Choices is null || s.Choices.Value.Count == 0) && FindExtra(s.Extras, "Choices") is null)
                    ctx.Report(Rules.ChoiceWithoutChoices, First(Find(s.FieldLocations, "Choices"), Find(s.FieldLocations, "Type"), s.Location), s.Name,
                        s.Choices is null ? "no Choices" : "an empty Choices array");
                break;
            case StateTypes.Succeed:
            case StateTypes.Fail:
                if (s.Next is not null) ctx.Report(Rules.TerminalStateWithTransition, At(s, "Next"), s.Name, s.Type, "Next");
                if (s.End is not null) ctx.Report(Rules.TerminalStateWithTransition, At(s, "End"), s.Name, s.Type, "End");
                break;
            default:
                if (s.Next is not null && s.End == true)
                    ctx.Report(Rules.NextAndEnd, At(s, "End"), s.Name, s.Next);
                else if (s.Next is null && s.End != true && !nextMistyped)
                {
                    var endFalse = s.End == false ? " (End is false)" : "";
                    var scope = state.Scope.Kind == ScopeRole.Root ? "the execution" : state.Scope.Describe();
                    ctx.Report(Rules.MissingNextOrEnd, First(Find(s.FieldLocations, "End"), Find(s.FieldLocations, "Type"), s.Location), s.Name, s.Type!, endFalse, scope);
                }
                break;
        }
    }
}
