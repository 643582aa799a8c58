using System.Collections.Generic;
using System.Linq;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Flowstate.Generator.Parsing;

// Discovery: walk the nested classes of the machine and sort them into scopes, states, branches and
// raw entries, reporting declarations in the wrong place (FLOW0007, FLOW0008). Every state's name is
// known before any transition is resolved, so typeof(X) can point forwards and across scopes.
internal sealed partial class MachineParser
{
    private enum DeclaredScope
    {
        Machine,
        Branch,
        Processor,
    }

    /// <summary>The Flowstate attributes of one class, sorted by role, in source order.</summary>
    private sealed class ClassInfo
    {
        public ClassInfo(INamedTypeSymbol symbol, AttributeSource source)
        {
            Symbol = symbol;
            foreach (var attribute in source.Of(symbol))
            {
                var role = attribute.Role;
                if (role == AttributeRole.None) continue;
                All.Add((role, attribute));
                switch (role)
                {
                    case AttributeRole.StateMachine: IsStateMachine = true; break;
                    case AttributeRole.State: States.Add(attribute); break;
                    case AttributeRole.Branch: Branch ??= attribute; break;
                    case AttributeRole.StartAt: StartAt ??= attribute; break;
                    case AttributeRole.Retry: Retry.Add(attribute); break;
                    case AttributeRole.Catch: Catch.Add(attribute); break;
                    case AttributeRole.When: When.Add(attribute); break;
                    case AttributeRole.AslField: AslField.Add(attribute); break;
                    case AttributeRole.RawState: RawState.Add(attribute); break;
                }
            }
        }

        public INamedTypeSymbol Symbol { get; }
        public List<(AttributeRole Role, AttributeUse Data)> All { get; } = new();
        public bool IsStateMachine { get; }
        public List<AttributeUse> States { get; } = new();
        public AttributeUse? Branch { get; }
        public AttributeUse? StartAt { get; }
        public List<AttributeUse> Retry { get; } = new();
        public List<AttributeUse> Catch { get; } = new();
        public List<AttributeUse> When { get; } = new();
        public List<AttributeUse> AslField { get; } = new();
        public List<AttributeUse> RawState { get; } = new();
        public bool IsState => States.Count > 0;
    }

    private abstract class Entry
    {
    }

    private sealed class StateNode : Entry
    {
        public StateNode(ClassInfo info, AttributeArguments args, StateKind kind, string name)
        {
            Info = info;
            Args = args;
            Kind = kind;
            Name = name;
        }

        public ClassInfo Info { get; }
        public AttributeArguments Args { get; }
        public StateKind Kind { get; }
        public string Name { get; }
        public List<ScopeNode> Branches { get; } = new();
        public ScopeNode? Processor { get; set; }
    }

    private sealed class RawNode : Entry
    {
        public RawNode(AttributeArguments args) => Args = args;

        public AttributeArguments Args { get; }
    }

    private sealed class ScopeNode
    {
        public ScopeNode(ClassInfo info, DeclaredScope kind)
        {
            Info = info;
            Kind = kind;
        }

        public ClassInfo Info { get; }
        public DeclaredScope Kind { get; }
        public List<Entry> Entries { get; } = new();
    }

    private ScopeNode DiscoverScope(ClassInfo scopeClass, DeclaredScope kind)
    {
        var scope = new ScopeNode(scopeClass, kind);
        foreach (var nested in scopeClass.Symbol.GetTypeMembers())
        {
            _ct.ThrowIfCancellationRequested();
            var info = new ClassInfo(nested, _context.Attributes);
            if (info.IsStateMachine) continue;
            if (info.IsState)
            {
                scope.Entries.Add(DiscoverState(info));
            }
            else if (info.Branch is not null)
            {
                Misplaced(info.Branch, nested, "a [Branch] class must be nested directly in a [Parallel] state class");
            }
            else if (info.RawState.Count > 0)
            {
                // A class carrying only [RawState] holds the raw entries' place in the States order.
                foreach (var raw in info.RawState) scope.Entries.Add(new RawNode(Args(raw)));
                ReportStray(info, "a [RawState] placeholder class", AttributeRole.RawState);
                foreach (var inner in nested.GetTypeMembers()) CheckNotScope(inner, nested);
            }
            else
            {
                CheckHelper(info, scopeClass.Symbol);
            }
        }
        // [RawState] on the scope class itself: entries after the nested ones.
        foreach (var raw in scopeClass.RawState) scope.Entries.Add(new RawNode(Args(raw)));
        return scope;
    }

    private StateNode DiscoverState(ClassInfo info)
    {
        var primary = info.States[0];
        var args = Args(primary);
        var kind = FlowstateSymbols.KindOf(primary.AttributeClass!);
        var name = args.String("Name") ?? info.Symbol.Name;
        var node = new StateNode(info, args, kind, name);
        var key = info.Symbol.OriginalDefinition;
        if (!_stateNames.ContainsKey(key)) _stateNames.Add(key, name);

        ReportMultipleDeclarations(info, kind);

        switch (kind)
        {
            case StateKind.Parallel:
                ReportStray(info, $"Parallel state '{name}' (put it on one of its [Branch] classes)", AttributeRole.State, AttributeRole.Retry, AttributeRole.Catch, AttributeRole.When, AttributeRole.AslField, AttributeRole.Branch);
                foreach (var nested in info.Symbol.GetTypeMembers())
                {
                    _ct.ThrowIfCancellationRequested();
                    var branchInfo = new ClassInfo(nested, _context.Attributes);
                    if (branchInfo.IsStateMachine) continue;
                    if (branchInfo.Branch is not null)
                    {
                        if (branchInfo.IsState) ReportMultipleDeclarations(branchInfo, null);
                        ReportStray(branchInfo, $"[Branch] class '{nested.Name}'", AttributeRole.Branch, AttributeRole.StartAt, AttributeRole.AslField, AttributeRole.RawState, AttributeRole.State);
                        node.Branches.Add(DiscoverScope(branchInfo, DeclaredScope.Branch));
                    }
                    else if (branchInfo.IsState)
                    {
                        Misplaced(branchInfo.States[0], nested, $"a state cannot sit directly in Parallel state '{name}'; put it in a class marked [Branch] nested in '{info.Symbol.Name}'");
                    }
                    else if (branchInfo.RawState.Count > 0)
                    {
                        Misplaced(branchInfo.RawState[0], nested, $"[RawState] entries of Parallel state '{name}' belong in one of its [Branch] classes");
                    }
                    else
                    {
                        CheckHelper(branchInfo, info.Symbol);
                    }
                }
                break;
            case StateKind.Map:
                ReportStray(info, $"Map state '{name}'", AttributeRole.State, AttributeRole.Retry, AttributeRole.Catch, AttributeRole.When, AttributeRole.AslField, AttributeRole.StartAt, AttributeRole.RawState, AttributeRole.Branch);
                node.Processor = DiscoverScope(info, DeclaredScope.Processor);
                break;
            default:
                ReportStray(info, $"{kind} state '{name}'", AttributeRole.State, AttributeRole.Retry, AttributeRole.Catch, AttributeRole.When, AttributeRole.AslField, AttributeRole.RawState, AttributeRole.Branch);
                foreach (var nested in info.Symbol.GetTypeMembers()) CheckNotScope(nested, info.Symbol);
                break;
        }
        return node;
    }

    /// <summary>FLOW0007: a class declaring more than one state (two state attributes, or a state and a branch or raw entry).</summary>
    private void ReportMultipleDeclarations(ClassInfo info, StateKind? kind)
    {
        var declarations = new List<AttributeUse>(info.States);
        if (info.Branch is not null) declarations.Add(info.Branch);
        if (kind is not null && kind != StateKind.Map && kind != StateKind.Parallel) declarations.AddRange(info.RawState);
        if (declarations.Count < 2) return;
        var names = string.Join(", ", declarations.Select(d => "[" + (FlowstateSymbols.ShortName(d.AttributeClass) ?? "?") + "]"));
        var second = Args(declarations[1]);
        _context.Report(DiagnosticIds.MultipleStateAttributes, second.NameLocation, info.Symbol.Name, names);
    }

    /// <summary>FLOW0008 for each Flowstate attribute of <paramref name="info"/> whose role is not among <paramref name="allowed"/>.</summary>
    private void ReportStray(ClassInfo info, string where, params AttributeRole[] allowed)
    {
        foreach (var (role, data) in info.All)
        {
            if (role == AttributeRole.StateMachine || allowed.Contains(role)) continue;
            Misplaced(data, info.Symbol, $"[{FlowstateSymbols.ShortName(data.AttributeClass)}] has no meaning on {where}; {Belongs(role)}");
        }
    }

    /// <summary>A nested class that is neither a state nor a scope: any Flowstate declaration in it or below it is misplaced.</summary>
    private void CheckHelper(ClassInfo info, INamedTypeSymbol container)
    {
        if (info.IsStateMachine) return;
        if (info.All.Count > 0)
        {
            var (role, data) = info.All[0];
            Misplaced(data, info.Symbol, role == AttributeRole.State
                ? $"it is nested in '{container.Name}', which is not a scope; declare states directly in the state machine class, a [Branch] class or a [Map] class"
                : $"[{FlowstateSymbols.ShortName(data.AttributeClass)}] is on a class that is not a state or a scope; {Belongs(role)}");
            return;
        }
        foreach (var nested in info.Symbol.GetTypeMembers())
        {
            _ct.ThrowIfCancellationRequested();
            CheckHelper(new ClassInfo(nested, _context.Attributes), info.Symbol);
        }
    }

    private void CheckNotScope(INamedTypeSymbol nested, INamedTypeSymbol container)
    {
        _ct.ThrowIfCancellationRequested();
        CheckHelper(new ClassInfo(nested, _context.Attributes), container);
    }

    private static string Belongs(AttributeRole role) => role switch
    {
        AttributeRole.State => "declare states directly in the state machine class, a [Branch] class or a [Map] class",
        AttributeRole.Branch => "a [Branch] class must be nested directly in a [Parallel] state class",
        AttributeRole.StartAt => "[StartAt] belongs on the state machine class, a [Branch] class or a [Map] class",
        AttributeRole.Retry or AttributeRole.Catch => "retriers and catchers belong on a Task, Parallel or Map state class",
        AttributeRole.When => "[When] rules belong on a [Choice] state class",
        AttributeRole.AslField => "[AslField] belongs on the state machine class, a state class or a [Branch] class",
        AttributeRole.RawState => "[RawState] belongs on the state machine class, a [Branch] class, a [Map] class or a class of its own nested in one of them",
        _ => "remove it",
    };

    private void Misplaced(AttributeUse attribute, INamedTypeSymbol symbol, string reason)
        => _context.Report(DiagnosticIds.MisplacedDeclaration, Args(attribute).NameLocation, symbol.Name, reason);
}
