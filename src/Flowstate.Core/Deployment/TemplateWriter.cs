using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Flowstate.Core.Asl;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Core.Deployment;

/// <summary>
/// One machine as the template needs it: its deployment, its ASL as a JSON object, the role statements
/// derived from its Tasks, and (for the generator's diagnostics) the metadata name of its C# class.
/// Build it with <see cref="TemplateWriter.MachineFor"/>, the one path the generator and the tests share.
/// </summary>
public sealed record TemplateMachine(MachineDeploymentSpec Deployment, JsonValue Definition, EquatableArray<IamStatementSpec> TaskStatements, string? TypeMetadataName = null)
{
    /// <summary>
    /// <see cref="Definition"/> as <c>JsonWriter.Write(Definition) + "\n"</c> writes it (the machine's AslJson), when the
    /// caller already has it: the template then copies it, nested, instead of writing the tree again. The
    /// generator sets it (a change to one machine rewrites the whole stack's template); null writes the tree.
    /// </summary>
    public string? DefinitionText { get; init; }

    /// <summary>The ${Name} placeholders of <see cref="Definition"/>, distinct, in order of first use; null: found when the template is written.</summary>
    public EquatableArray<string>? DefinitionPlaceholders { get; init; }

    /// <summary><see cref="TemplateWriter.HasIntrinsicKey"/> of <see cref="Definition"/>; null: found when the template is written.</summary>
    public bool? DefinitionHasIntrinsicKey { get; init; }
}

/// <summary>What one stack's template is written from.</summary>
public sealed record StackTemplateInput(string StackName, string? Description, AssemblyDeploymentSpec Assembly, EquatableArray<TemplateMachine> Machines);

/// <summary>
/// A written template: its JSON text (deterministic, two-space indented, trailing newline), facts the
/// limit checks need, and the findings about it (FLOW7012-7014, FLOW7018; see <see cref="TemplateWriter.Check"/>).
/// </summary>
public sealed record StackTemplate(string StackName, string Json, int ResourceCount, EquatableArray<string> MachineNames, EquatableArray<string> LogicalIds)
{
    public EquatableArray<StackFinding> Findings { get; init; }

    /// <summary>The template's size as CloudFormation counts it: UTF-8 bytes.</summary>
    public int ByteCount => Encoding.UTF8.GetByteCount(Json);
}

/// <summary>What a <see cref="StackSite"/> names.</summary>
public enum StackSiteKind
{
    /// <summary>The stack: its [assembly: FlowstateStack] declaration, else its first machine.</summary>
    Stack,
    /// <summary>A machine, by the metadata name of its class (else its logical id).</summary>
    Machine,
    Topic,
    Bucket,
    Parameter,
}

/// <summary>Where a stack finding belongs in the C# source; the generator turns it into a location (Fallback: a machine's metadata name, for a stack declared by no attribute).</summary>
public sealed record StackSite(StackSiteKind Kind, string Name, string? Fallback = null)
{
    public static StackSite Of(StackTemplateInput stack) => new(StackSiteKind.Stack, stack.StackName, stack.Machines.Count > 0 ? stack.Machines[0].TypeMetadataName ?? stack.Machines[0].Deployment.LogicalId : null);
}

/// <summary>A finding of the template writer about a whole stack: a FLOW70xx rule id, its message arguments, and where to report it (one diagnostic per site).</summary>
public sealed record StackFinding(string Id, EquatableArray<string> MessageArgs, EquatableArray<StackSite> Sites);

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

    /// <summary>
    /// The template parameter appended to every state machine name of the stack (default empty). Two
    /// stages of one app in one account and region must not both create "daily-etl": StateMachineName is
    /// unique per account and region and create-only. The deploy program (or the values file,
    /// flowstate.&lt;stage&gt;.json) sets it to "-&lt;stage&gt;"; left empty, the machine has the name written in
    /// C#. Chosen over leaving the name to CloudFormation (what SAM, CDK and serverless-step-functions do by
    /// default) because a known name keeps the console readable and lets the role's trust condition and a
    /// distributed Map's permissions name the machine exactly.
    /// </summary>
    public const string NameSuffixParameter = "StateMachineNameSuffix";

    /// <summary>CloudFormation's limits (AWS CloudFormation quotas): resources per stack, template body sizes.</summary>
    public const int MaxResources = 500;
    public const int MaxTemplateBytes = 1_048_576;
    public const int MaxInlineTemplateBytes = 51_200;

    /// <summary>
    /// A machine as its stack's template needs it: the ASL as a JSON object and the role statements
    /// IamDerivation derives from its Tasks (the distributed Map's own ARN with the stack's name suffix).
    /// The generator and the tests over imported definitions both go through here.
    /// </summary>
    public static TemplateMachine MachineFor(StateMachineSpec spec, MachineDeploymentSpec deployment, string? typeMetadataName = null)
    {
        var options = new IamOptions { MachineName = deployment.MachineName.Replace("${", "${!") + "${" + NameSuffixParameter + "}" };
        var statements = IamDerivation.Derive(spec, options).Select(s => new IamStatementSpec(s.Actions, s.Resources, s.Condition)).ToEquatableArray();
        // The definition's facts the template needs, found once per machine: the stack's template is written again
        // whenever any of its machines changes, and walking every definition's tree each time was most of that.
        var definition = AslWriter.ToJson(spec);
        return new TemplateMachine(deployment, definition, statements, typeMetadataName)
        {
            DefinitionPlaceholders = DistinctPlaceholders(definition),
            DefinitionHasIntrinsicKey = HasIntrinsicKey(definition),
        };
    }

    /// <summary>The placeholders of a definition, distinct (ordinal), in order of first use.</summary>
    public static EquatableArray<string> DistinctPlaceholders(JsonValue definition)
    {
        var all = new List<string>();
        CollectPlaceholders(definition, all);
        return all.Distinct(StringComparer.Ordinal).ToEquatableArray();
    }

    /// <summary>
    /// True when an object anywhere in <paramref name="value"/> has a key CloudFormation reads as an
    /// intrinsic function ("Ref", "Fn::..."): such a definition cannot go into the Definition object,
    /// where CloudFormation would evaluate (or reject) it, and is written as DefinitionString instead.
    /// </summary>
    public static bool HasIntrinsicKey(JsonValue value)
    {
        switch (value.Kind)
        {
            case JsonKind.Array:
                foreach (var item in value.Items) if (HasIntrinsicKey(item)) return true;
                return false;
            case JsonKind.Object:
                foreach (var p in value.Properties)
                    if (p.Name == "Ref" || p.Name.StartsWith("Fn::", StringComparison.Ordinal) || HasIntrinsicKey(p.Value)) return true;
                return false;
            default:
                return false;
        }
    }
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
        var json = JsonWriter.Write(template, w.PreWritten.Count == 0 ? null : w.PreWritten) + "\n";
        var written = new StackTemplate(input.StackName, json, w.Resources.Count,
            input.Machines.Select(m => m.Deployment.MachineName).ToEquatableArray(),
            w.Resources.Select(r => r.Name).ToEquatableArray());
        return written with { Findings = Check(written, w.Duplicates, StackSite.Of(input)) };
    }

    /// <summary>
    /// CloudFormation's limits, checked before CloudFormation does: more than 500 resources (FLOW7012),
    /// a template over 1 MB (FLOW7013, the most CloudFormation accepts from S3), over 51,200 bytes
    /// (FLOW7014, info: the deploy uploads it to S3 first), and two declarations that became one logical id (FLOW7018).
    /// </summary>
    private static EquatableArray<StackFinding> Check(StackTemplate t, IReadOnlyList<StackFinding> duplicates, StackSite site)
    {
        var findings = new List<StackFinding>();
        var stack = EquatableArray.Create(site);
        if (t.ResourceCount > MaxResources)
            findings.Add(new StackFinding(DiagnosticIds.TooManyResources, EquatableArray.Create(t.StackName, Invariant(t.ResourceCount)), stack));
        var bytes = t.ByteCount;
        if (bytes > MaxTemplateBytes)
            findings.Add(new StackFinding(DiagnosticIds.TemplateTooLarge, EquatableArray.Create(t.StackName, bytes.ToString("N0", CultureInfo.InvariantCulture)), stack));
        else if (bytes > MaxInlineTemplateBytes)
            findings.Add(new StackFinding(DiagnosticIds.TemplateNeedsUpload, EquatableArray.Create(t.StackName, bytes.ToString("N0", CultureInfo.InvariantCulture)), stack));
        findings.AddRange(duplicates);
        return findings.ToEquatableArray();
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
