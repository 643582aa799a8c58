using System.Globalization;
using Flowstate.Core.Asl;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Core.Model;
using Flowstate.Core.Validation;

namespace Flowstate.Generator.Tests.Validation;

/// <summary>
/// Reads small ASL snippets through AslReader, validates them, and names each diagnostic's location
/// as "State.Field" ("Load.Next", "Load.Retry[0].BackoffRate", "$.StartAt") so tests can assert
/// exactly which field a rule points at.
/// </summary>
internal static class ValidationHarness
{
    public sealed record Finding(string Id, string Message, string Where, DiagnosticInfo Info);

    public static StateMachineSpec Read(string json, string name = "test-machine", string workflowType = "STANDARD")
    {
        var result = AslReader.Read(json, name, "test.asl.json");
        Assert.True(result.Spec is not null, "test ASL does not parse: " + string.Join("; ", result.Diagnostics.Select(d => string.Join(", ", d.MessageArgs))));
        return result.Spec! with { WorkflowType = workflowType };
    }

    public static IReadOnlyList<Finding> Validate(StateMachineSpec spec, ValidationOptions? options = null)
    {
        var diagnostics = SpecValidator.Validate(spec, options ?? ValidationOptions.Default, CancellationToken.None);
        return diagnostics.Select(d => new Finding(d.Id, Format(d), Where(spec, d.Location), d)).ToList();
    }

    public static IReadOnlyList<Finding> Validate(string json, string name = "test-machine", string workflowType = "STANDARD", ValidationOptions? options = null)
        => Validate(Read(json, name, workflowType), options);

    public static string Format(DiagnosticInfo d)
    {
        var descriptor = Descriptors.FindRule(d.Id);
        if (descriptor is null) return d.Id + ": " + string.Join(" | ", d.MessageArgs);
        return string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), d.MessageArgs.Cast<object>().ToArray());
    }

    /// <summary>Asserts exactly one diagnostic with <paramref name="id"/>, that its message names each of <paramref name="names"/> in quotes, and where it points.</summary>
    public static Finding AssertFires(IReadOnlyList<Finding> findings, string id, string where, params string[] names)
    {
        var matching = findings.Where(f => f.Id == id).ToList();
        Assert.True(matching.Count == 1, $"expected one {id}, got {matching.Count}:\n" + Dump(findings));
        var finding = matching[0];
        foreach (var name in names)
            Assert.True(finding.Message.Contains("'" + name + "'", StringComparison.Ordinal), $"{id} message does not name '{name}': {finding.Message}");
        Assert.Equal(where, finding.Where);
        return finding;
    }

    public static Finding AssertFires(string json, string id, string where, params string[] names) => AssertFires(Validate(json), id, where, names);

    public static void AssertSilent(IReadOnlyList<Finding> findings, string id)
        => Assert.True(findings.All(f => f.Id != id), $"expected no {id}:\n" + Dump(findings));

    public static void AssertSilent(string json, string id) => AssertSilent(Validate(json), id);

    public static string Dump(IEnumerable<Finding> findings) => string.Join("\n", findings.Select(f => $"  {f.Id} @ {f.Where}: {f.Message}"));

    /// <summary>A machine whose top level is the given States object, starting at <paramref name="startAt"/>.</summary>
    public static string Machine(string states, string startAt = "A", string extra = "")
        => "{ " + extra + (extra.Length > 0 ? ", " : "") + "\"StartAt\": \"" + startAt + "\", \"States\": " + states + " }";

    /// <summary>JSON written with backticks for quotes (keeps test tables readable); single quotes stay for intrinsic strings.</summary>
    public static string J(string text) => text.Replace('`', '"');

    /// <summary>Runs one table row: the rule fires once at <paramref name="where"/> naming <paramref name="names"/>.</summary>
    public static void Fires(string json, string id, string where, string[] names, string workflowType = "STANDARD", ValidationOptions? options = null)
    {
        var findings = Validate(J(json), workflowType: workflowType, options: options);
        var matching = findings.Where(f => f.Id == id && f.Where == where).ToList();
        Assert.True(matching.Count == 1, $"expected one {id} at {where}, got {matching.Count}:\n" + Dump(findings));
        foreach (var name in names)
            Assert.True(matching[0].Message.Contains("'" + name + "'", StringComparison.Ordinal), $"{id} message does not name '{name}': {matching[0].Message}");
    }

    public static void Silent(string json, string id, string workflowType = "STANDARD", ValidationOptions? options = null)
        => AssertSilent(Validate(J(json), workflowType: workflowType, options: options), id);

    // ---- naming locations ----

    public static string Where(StateMachineSpec spec, SourceRef location)
    {
        if (!location.IsKnown) return "(unknown)";
        var found = new List<string>();
        Match("$", spec.FieldLocations, spec.Location, location, found);
        Match("$", spec.Root.FieldLocations, default, location, found);
        if (found.Count > 0) return found[0];
        foreach (var state in spec.Root.States)
        {
            var w = InState(state, location);
            if (w is not null) return w;
        }
        return $"(offset {location.Start})";
    }

    private static void Match(string prefix, EquatableArray<FieldLocation> fields, SourceRef own, SourceRef location, List<string> found)
    {
        foreach (var f in fields)
            if (f.Location == location) { found.Add(prefix + "." + f.Field); return; }
        if (own.IsKnown && own == location) found.Add(prefix);
    }

    private static string? InState(StateSpec s, SourceRef location)
    {
        var found = new List<string>();
        Match(s.Name, s.FieldLocations, s.Location, location, found);
        if (found.Count > 0) return found[0];
        if (s.Retry is { } retry)
            for (var i = 0; i < retry.Count; i++)
            {
                Match($"{s.Name}.Retry[{i}]", retry[i].FieldLocations, retry[i].Location, location, found);
                if (found.Count > 0) return found[0];
            }
        if (s.Catch is { } catchers)
            for (var i = 0; i < catchers.Count; i++)
            {
                Match($"{s.Name}.Catch[{i}]", catchers[i].FieldLocations, catchers[i].Location, location, found);
                if (found.Count > 0) return found[0];
            }
        if (s.Choices is { } rules)
            for (var i = 0; i < rules.Count; i++)
            {
                var w = InRule($"{s.Name}.Choices[{i}]", rules[i], location);
                if (w is not null) return w;
            }
        var scopes = new List<(string, ScopeSpec)>();
        if (s.Branches is { } branches) for (var i = 0; i < branches.Count; i++) scopes.Add(($"{s.Name}.Branches[{i}]", branches[i]));
        if (s.Processor is { } p) scopes.Add(($"{s.Name}.{(s.ProcessorIsIterator ? "Iterator" : "ItemProcessor")}", p));
        foreach (var (prefix, scope) in scopes)
        {
            Match(prefix, scope.FieldLocations, scope.Location, location, found);
            if (found.Count > 0) return found[0];
            foreach (var inner in scope.States)
            {
                var w = InState(inner, location);
                if (w is not null) return w;
            }
        }
        return null;
    }

    private static string? InRule(string prefix, ChoiceRuleSpec rule, SourceRef location)
    {
        var found = new List<string>();
        Match(prefix, rule.FieldLocations, rule.Location, location, found);
        if (found.Count > 0) return found[0];
        if (rule.And is { } and) for (var i = 0; i < and.Count; i++) { var w = InRule($"{prefix}.And[{i}]", and[i], location); if (w is not null) return w; }
        if (rule.Or is { } or) for (var i = 0; i < or.Count; i++) { var w = InRule($"{prefix}.Or[{i}]", or[i], location); if (w is not null) return w; }
        if (rule.Not is { } not) return InRule($"{prefix}.Not", not, location);
        return null;
    }
}
