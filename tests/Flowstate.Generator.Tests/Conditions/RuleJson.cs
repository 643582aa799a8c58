using System.Text;
using Flowstate.Core.Asl;
using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Generator.Tests.Conditions;

/// <summary>
/// ASL rule JSON to and from ChoiceRuleSpec, for tests: expected rules are written as the ASL a
/// reader would recognise (and are read by AslReader itself, so the tests see exactly the rules
/// the importer will hand to the printer), and failures show rules as ASL rather than record dumps.
/// </summary>
internal static class RuleJson
{
    /// <summary>Reads one rule object through AslReader, without locations.</summary>
    public static ChoiceRuleSpec Parse(string ruleJson)
    {
        var machine = "{\"StartAt\": \"C\", \"States\": {\"C\": {\"Type\": \"Choice\", \"Choices\": [" + ruleJson + "]}}}";
        var read = AslReader.Read(machine, "test");
        Assert.True(read.Spec is not null, $"test JSON does not parse: {string.Join("; ", read.Diagnostics.Select(d => string.Join(", ", d.MessageArgs)))}: {ruleJson}");
        var choices = read.Spec!.Root.States[0].Choices;
        Assert.True(choices is { Count: 1 }, $"not one rule object: {ruleJson}");
        return WithoutLocations(choices!.Value[0]);
    }

    /// <summary>
    /// The rule without Location/FieldLocations at any level: where a rule was written is not
    /// part of what it means, and a parsed condition has no ASL locations.
    /// </summary>
    public static ChoiceRuleSpec WithoutLocations(ChoiceRuleSpec rule) => rule with
    {
        Location = default,
        FieldLocations = default,
        And = rule.And?.Select(WithoutLocations).ToEquatableArray(),
        Or = rule.Or?.Select(WithoutLocations).ToEquatableArray(),
        Not = rule.Not is null ? null : WithoutLocations(rule.Not),
    };

    /// <summary>The rule as compact ASL-like JSON (Extras marked, so that nothing is hidden).</summary>
    public static string Show(ChoiceRuleSpec? rule)
    {
        if (rule is null) return "null";
        var members = new List<JsonProperty>();
        if (rule.Variable is not null) members.Add(new("Variable", JsonValue.String(rule.Variable)));
        if (rule.Operator is not null) members.Add(new(rule.Operator, rule.Operand ?? JsonValue.String("<missing operand>")));
        else if (rule.Operand is not null) members.Add(new("<operand without operator>", rule.Operand));
        if (rule.And is { } and) members.Add(new("And", JsonValue.Array(and.Select(r => Raw(r)))));
        if (rule.Or is { } or) members.Add(new("Or", JsonValue.Array(or.Select(r => Raw(r)))));
        if (rule.Not is { } not) members.Add(new("Not", Raw(not)));
        if (rule.Condition is not null) members.Add(new("Condition", rule.Condition));
        if (rule.Next is not null) members.Add(new("Next", JsonValue.String(rule.Next)));
        if (rule.Comment is not null) members.Add(new("Comment", JsonValue.String(rule.Comment)));
        if (rule.Assign is not null) members.Add(new("Assign", rule.Assign));
        if (rule.Output is not null) members.Add(new("Output", rule.Output));
        foreach (var e in rule.Extras) members.Add(new("<extra>" + e.Name, e.Value));
        return JsonWriter.Write(JsonValue.Object(members), indented: false);

        static JsonValue Raw(ChoiceRuleSpec? r) => r is null ? JsonValue.Null : JsonReader.Parse(Show(r)).Value!;
    }
}
