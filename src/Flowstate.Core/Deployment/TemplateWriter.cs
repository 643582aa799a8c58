using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Core.Deployment;

/// <summary>One machine as the template needs it: its deployment, its ASL as a JSON object, and the role statements derived from its Tasks.</summary>
public sealed record TemplateMachine(MachineDeploymentSpec Deployment, JsonValue Definition, EquatableArray<IamStatementSpec> TaskStatements);

/// <summary>What one stack's template is written from.</summary>
public sealed record StackTemplateInput(string StackName, string? Description, AssemblyDeploymentSpec Assembly, EquatableArray<TemplateMachine> Machines);

/// <summary>A written template: its JSON text (deterministic, two-space indented, trailing newline) and facts the limit checks need.</summary>
public sealed record StackTemplate(string StackName, string Json, int ResourceCount, EquatableArray<string> MachineNames, EquatableArray<string> LogicalIds);

/// <summary>
/// Writes the CloudFormation template of a stack: for every machine the state machine (its
/// definition as a JSON object in <c>Definition</c>, placeholders through
/// <c>DefinitionSubstitutions</c>), its role, schedules, event rules, alarms, failure notification
/// and log group; the topics and buckets it uses; Parameters and Outputs. Deterministic: same input,
/// same bytes (ordinal order everywhere, invariant numbers, no timestamps).
/// </summary>
public static partial class TemplateWriter
{
    public const string PolicyVersion = "2012-10-17";

    /// <summary>Groups machines into stacks: [InStack] names, else the first [assembly: FlowstateStack], else the assembly name in kebab-case. Ordered by stack name.</summary>
    public static EquatableArray<StackTemplateInput> PlanStacks(AssemblyDeploymentSpec assembly, IEnumerable<TemplateMachine> machines)
    {
        var defaultStack = assembly.Stacks.Count > 0 ? assembly.Stacks[0].Name : LogicalIds.KebabCase(assembly.AssemblyName.Length > 0 ? assembly.AssemblyName : "flowstate");
        var groups = new SortedDictionary<string, List<TemplateMachine>>(StringComparer.Ordinal);
        foreach (var m in machines)
        {
            var stack = m.Deployment.Stack ?? defaultStack;
            if (!groups.TryGetValue(stack, out var list)) groups.Add(stack, list = new List<TemplateMachine>());
            list.Add(m);
        }
        return groups.Select(g => new StackTemplateInput(
                g.Key,
                assembly.Stacks.FirstOrDefault(s => string.Equals(s.Name, g.Key, StringComparison.Ordinal))?.Description,
                assembly,
                g.Value.OrderBy(m => m.Deployment.LogicalId, StringComparer.Ordinal).ThenBy(m => m.Deployment.MachineName, StringComparer.Ordinal).ToEquatableArray()))
            .ToEquatableArray();
    }

    public static StackTemplate Write(StackTemplateInput input)
    {
        var w = new Builder(input);
        var template = w.Build();
        var json = JsonWriter.Write(template) + "\n";
        return new StackTemplate(input.StackName, json, w.Resources.Count,
            input.Machines.Select(m => m.Deployment.MachineName).ToEquatableArray(),
            w.Resources.Select(r => r.Name).ToEquatableArray());
    }

    /// <summary>Every ${Name} in <paramref name="text"/>, in order (names of any characters up to the next '}').</summary>
    public static IEnumerable<string> PlaceholdersIn(string text)
    {
        var i = 0;
        while ((i = text.IndexOf("${", i, StringComparison.Ordinal)) >= 0)
        {
            var end = text.IndexOf('}', i + 2);
            if (end < 0) yield break;
            var name = text.Substring(i + 2, end - i - 2);
            if (name.Length > 0) yield return name;
            i = end + 1;
        }
    }

    /// <summary>Every placeholder in the strings (values and keys) of a JSON value.</summary>
    public static void CollectPlaceholders(JsonValue value, ICollection<string> into)
    {
        switch (value.Kind)
        {
            case JsonKind.String:
                foreach (var p in PlaceholdersIn(value.Text!)) into.Add(p);
                break;
            case JsonKind.Array:
                foreach (var item in value.Items) CollectPlaceholders(item, into);
                break;
            case JsonKind.Object:
                foreach (var p in value.Properties)
                {
                    foreach (var name in PlaceholdersIn(p.Name)) into.Add(name);
                    CollectPlaceholders(p.Value, into);
                }
                break;
        }
    }

    // ---- JSON building helpers ----------------------------------------------------------------

    internal static JsonValue S(string s) => JsonValue.String(s);
    internal static JsonValue N(int i) => JsonValue.Number(i);
    internal static JsonValue B(bool b) => JsonValue.Boolean(b);
    internal static JsonValue Ref(string logicalId) => O(("Ref", S(logicalId)));
    internal static JsonValue GetAtt(string logicalId, string attribute) => O(("Fn::GetAtt", A(S(logicalId), S(attribute))));
    internal static JsonValue Sub(string text) => O(("Fn::Sub", S(text)));
    internal static JsonValue A(params JsonValue[] items) => JsonValue.Array(items);
    internal static JsonValue A(IEnumerable<JsonValue> items) => JsonValue.Array(items);

    /// <summary>An object of the non-null members, in the order given.</summary>
    internal static JsonValue O(params (string Name, JsonValue? Value)[] members)
        => JsonValue.Object(members.Where(m => m.Value is not null).Select(m => new JsonProperty(m.Name, m.Value!)));

    /// <summary>One string as a JSON string, several as an array (IAM's Action/Resource convention).</summary>
    internal static JsonValue OneOrMany(IReadOnlyList<JsonValue> values) => values.Count == 1 ? values[0] : A(values);

    internal static string Compact(JsonValue value) => JsonWriter.Write(value, indented: false);

    internal static string Invariant(int i) => i.ToString(CultureInfo.InvariantCulture);

    internal sealed record Resource(string Name, JsonValue Value);
}
