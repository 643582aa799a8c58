using System;
using System.Collections.Generic;
using System.Threading;
using Flowstate.Core.Asl;
using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Generator.Analyzers;

/// <summary>
/// Before validation, an [AslField("Retry" | "Catch" | "Choices", json)] on a state that has no
/// [Retry]/[Catch]/[When] of its own is read the way an ASL file's field is read, so the rules check
/// the retriers, catchers and rules inside it (the importer writes them this way when a value has no
/// C# form, such as JitterStrategy "HALF"). Positions land inside the attribute's literal. The model
/// the generator emits is not touched: this is a view for the rules only.
/// </summary>
internal static class EscapeHatchFields
{
    private static readonly string[] s_fields = { "Retry", "Catch", "Choices" };

    public static StateMachineSpec Promote(StateMachineSpec spec, Func<SourceRef, int, int, SourceRef> locate, CancellationToken ct)
        => spec with { Root = Scope(spec.Root, locate, ct) };

    private static ScopeSpec Scope(ScopeSpec scope, Func<SourceRef, int, int, SourceRef> locate, CancellationToken ct)
    {
        var states = new StateSpec[scope.States.Count];
        var changed = false;
        for (var i = 0; i < states.Length; i++)
        {
            ct.ThrowIfCancellationRequested();
            var original = scope.States[i];
            var s = State(original, locate, ct);
            if (s.Branches is { } branches)
            {
                var list = new List<ScopeSpec>(branches.Count);
                foreach (var b in branches) list.Add(Scope(b, locate, ct));
                s = s with { Branches = list.ToEquatableArray() };
            }
            if (s.Processor is { } processor) s = s with { Processor = Scope(processor, locate, ct) };
            states[i] = s;
            changed |= !ReferenceEquals(s, original);
        }
        return changed ? scope with { States = new EquatableArray<StateSpec>(states) } : scope;
    }

    private static StateSpec State(StateSpec s, Func<SourceRef, int, int, SourceRef> locate, CancellationToken ct)
    {
        if (s.Raw is not null || s.Extras.Count == 0) return s;
        foreach (var field in s_fields)
        {
            var count = 0;
            ExtraField? extra = null;
            foreach (var e in s.Extras)
                if (string.Equals(e.Name, field, StringComparison.Ordinal)) { count++; extra = e; }
            if (count != 1 || extra is null || !extra.Value.IsArray) continue;
            var typedPresent = field switch { "Retry" => s.Retry is not null, "Catch" => s.Catch is not null, _ => s.Choices is not null };
            if (typedPresent) continue;

            var at = FindField(s.FieldLocations, field);
            var read = AslReader.ReadState(s.Name,
                JsonValue.Object(new[] { new JsonProperty("Type", JsonValue.String(s.Type ?? "Task")), new JsonProperty(field, extra.Value) }),
                (offset, length) => at.IsKnown && offset >= 0 ? locate(at, offset, length) : default, ct);
            if (GraphRulesFind(read.Extras, field)) continue; // not an array of objects: the rules report it as it stands
            var extras = new List<ExtraField>(s.Extras.Count - 1);
            foreach (var e in s.Extras) if (!ReferenceEquals(e, extra)) extras.Add(e);
            s = field switch
            {
                "Retry" => s with { Retry = read.Retry },
                "Catch" => s with { Catch = read.Catch },
                _ => s with { Choices = read.Choices },
            };
            s = s with { Extras = extras.ToEquatableArray() };
        }
        return s;
    }

    private static bool GraphRulesFind(EquatableArray<ExtraField> extras, string name)
    {
        foreach (var e in extras) if (string.Equals(e.Name, name, StringComparison.Ordinal)) return true;
        return false;
    }

    private static SourceRef FindField(EquatableArray<FieldLocation> locations, string field)
    {
        foreach (var l in locations) if (string.Equals(l.Field, field, StringComparison.Ordinal)) return l.Location;
        return default;
    }
}
