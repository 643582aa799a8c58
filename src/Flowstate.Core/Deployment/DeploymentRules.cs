using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using Flowstate.Core.Validation;

namespace Flowstate.Core.Deployment;

/// <summary>
/// Checks of one machine's deployment model (<see cref="MachineDeploymentSpec"/>) against itself and the
/// assembly's declarations: the schedule grammar, dates and time zone (FLOW7101-7108, through
/// <see cref="ScheduleExpressions"/> and <see cref="TimeZones"/>), options an EventBridge rule cannot take
/// (FLOW7003), StartDate before EndDate (FLOW7004), event patterns (FLOW7110/7111, <see cref="EventPatterns"/>),
/// S3 buckets the stack does not create (FLOW7017), topics and stacks that are declared (FLOW7001, FLOW7010),
/// role options a brought role cannot take (FLOW7015) and extra statements that are IAM statements (FLOW7016).
/// Pure: model in, <see cref="DiagnosticInfo"/> out, never throws on user input. The analyzer places the
/// findings: <paramref name="resolve"/> maps offsets inside a string argument's value to its characters.
/// The checks the parser makes while reading one attribute (FLOW7002, 7005, 7006, 7009, FLOW0003) are its own.
/// </summary>
public static class DeploymentRules
{
    private static readonly string[] s_statementKeys = { "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition" };

    public static IReadOnlyList<DiagnosticInfo> Check(MachineDeploymentSpec spec, AssemblyDeploymentSpec assembly, JsonLocationResolver? resolve)
    {
        var found = new List<DiagnosticInfo>();
        void Add(string id, SourceRef at, params string[] args) => found.Add(new DiagnosticInfo(id, at, EquatableArray.Create(args)));

        for (var i = 0; i < spec.Schedules.Count; i++)
        {
            var s = spec.Schedules[i];
            var key = $"Schedule[{i}]";
            var target = s.UseEventBridgeRule ? ScheduleTarget.EventBridgeRule : ScheduleTarget.Scheduler;
            foreach (var problem in ScheduleExpressions.Parse(s.Expression, target).Problems)
                found.Add(problem.ToDiagnostic(spec.LocationOf(key + ".Expression"), resolve));
            if (s.UseEventBridgeRule)
            {
                if (s.TimeZone is not null) Add(DiagnosticIds.SchedulerOnlyOption, spec.LocationOf(key + ".TimeZone"), "TimeZone", "EventBridge rules evaluate schedules in UTC");
                if (s.FlexibleWindowMinutes is not null) Add(DiagnosticIds.SchedulerOnlyOption, spec.LocationOf(key + ".FlexibleWindowMinutes"), "FlexibleWindowMinutes", "EventBridge rules have no flexible time window");
                if (s.StartDate is not null) Add(DiagnosticIds.SchedulerOnlyOption, spec.LocationOf(key + ".StartDate"), "StartDate", "EventBridge rules have no start date");
                if (s.EndDate is not null) Add(DiagnosticIds.SchedulerOnlyOption, spec.LocationOf(key + ".EndDate"), "EndDate", "EventBridge rules have no end date");
            }
            else if (s.TimeZone is { } zone && TimeZones.Check(zone) is { } zoneProblem)
            {
                found.Add(zoneProblem.ToDiagnostic(spec.LocationOf(key + ".TimeZone"), resolve));
            }
            var start = ReadDate(s.StartDate, spec.LocationOf(key + ".StartDate"), resolve, found);
            var end = ReadDate(s.EndDate, spec.LocationOf(key + ".EndDate"), resolve, found);
            if (!s.UseEventBridgeRule && start is { } from && end is { } to && from >= to)
                Add(DiagnosticIds.InvalidScheduleDate, spec.LocationOf(key + ".EndDate"), "EndDate", s.EndDate!,
                    $"is not after StartDate '{s.StartDate}'; the schedule would never run: move EndDate after StartDate");
        }

        for (var i = 0; i < spec.Triggers.Count; i++)
        {
            var t = spec.Triggers[i];
            var key = $"Trigger[{i}]";
            if (t.Kind == TriggerKind.EventPattern)
            {
                foreach (var problem in EventPatterns.Check(t.Pattern))
                    found.Add(problem.ToDiagnostic(spec.LocationOf(key + ".Pattern"), resolve));
            }
            else if (t.Bucket is { } bucket && !assembly.Buckets.Any(b => string.Equals("${" + b.Name + "}", bucket, StringComparison.Ordinal)))
            {
                Add(DiagnosticIds.BucketNeedsEventBridge, spec.LocationOf(key + ".Bucket"), bucket);
            }
        }

        for (var i = 0; i < spec.Alarms.Count; i++)
            if (!TopicDeclared(assembly, spec.Alarms[i].Topic))
                Add(DiagnosticIds.UnknownTopic, spec.LocationOf($"Alarm[{i}].Topic"), "Alarm", spec.Alarms[i].Topic, Declared(assembly));
        if (spec.NotifyOnFailureTopic is { } notify && !TopicDeclared(assembly, notify))
            Add(DiagnosticIds.UnknownTopic, spec.LocationOf("NotifyOnFailure"), "NotifyOnFailure", notify, Declared(assembly));

        if (spec.Stack is { } stack && !assembly.Stacks.Any(s => string.Equals(s.Name, stack, StringComparison.Ordinal)))
            Add(DiagnosticIds.UnknownStack, spec.LocationOf("InStack"), stack,
                assembly.Stacks.Count == 0 ? "none (declare it with [assembly: FlowstateStack(\"" + stack + "\")])" : string.Join(", ", assembly.Stacks.Select(s => s.Name)));

        if (spec.Role.RoleArn is not null)
        {
            if (spec.Role.PermissionsBoundary is not null) Add(DiagnosticIds.RoleArnWithRoleOptions, spec.LocationOf("Role.PermissionsBoundary"), "PermissionsBoundary");
            for (var i = 0; i < spec.Role.ExtraStatements.Count; i++)
                Add(DiagnosticIds.RoleArnWithRoleOptions, spec.LocationOf($"RolePolicyStatement[{i}]"), "[RolePolicyStatement]");
        }
        else
        {
            for (var i = 0; i < spec.Role.ExtraStatements.Count; i++)
                CheckStatement(spec.Role.ExtraStatements[i], spec.LocationOf($"RolePolicyStatement[{i}]"), resolve, found);
        }

        return found;
    }

    /// <summary>The name of the stack a machine goes into (its [InStack], else the assembly's default stack, as <see cref="TemplateWriter.PlanStacks"/> decides).</summary>
    public static string StackOf(string? machineStack, AssemblyDeploymentSpec assembly)
        => machineStack ?? (assembly.Stacks.Count > 0 ? assembly.Stacks[0].Name : LogicalIds.KebabCase(assembly.AssemblyName.Length > 0 ? assembly.AssemblyName : "flowstate"));

    /// <summary>
    /// What a ${Name} may stand for without a [FlowstateParameter]: a declared topic's ARN (${TopicArn}), a declared
    /// bucket (${Bucket}), or a CloudFormation pseudo parameter (${AWS::Region}). Machines started by type
    /// (${MachineArn}) are the analyzer's to resolve (it knows the types).
    /// </summary>
    public static bool IsBoundWithoutParameter(string name, AssemblyDeploymentSpec assembly)
        => name.StartsWith("AWS::", StringComparison.Ordinal)
           || assembly.Topics.Any(t => string.Equals(t.ArnPlaceholder, name, StringComparison.Ordinal))
           || assembly.Buckets.Any(b => string.Equals(b.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// The strings of a machine's deployment that the template writer resolves ${Name}s in, each with a
    /// readable place ("Bucket of [OnS3ObjectCreated]") and the FieldLocations key of its argument.
    /// </summary>
    public static IEnumerable<(string Text, string Where, string Field)> PlaceholderStrings(MachineDeploymentSpec spec)
    {
        for (var i = 0; i < spec.Schedules.Count; i++)
        {
            var s = spec.Schedules[i];
            if (s.Input is { } input) foreach (var text in Strings(input)) yield return (text, "Input of [Schedule]", $"Schedule[{i}].Input");
            if (s.Description is { } d) yield return (d, "Description of [Schedule]", $"Schedule[{i}]");
        }
        for (var i = 0; i < spec.Triggers.Count; i++)
        {
            var t = spec.Triggers[i];
            var owner = t.Kind == TriggerKind.S3ObjectCreated ? "[OnS3ObjectCreated]" : "[OnEvent]";
            var key = $"Trigger[{i}]";
            if (t.Kind == TriggerKind.S3ObjectCreated && t.Bucket is { } bucket) yield return (bucket, "Bucket of " + owner, key + ".Bucket");
            else foreach (var text in Strings(t.Pattern)) yield return (text, "Pattern of " + owner, key + ".Pattern");
            if (t.EventBus is { } bus) yield return (bus, "EventBus of " + owner, key);
            if (t.Description is { } d) yield return (d, "Description of " + owner, key);
            if (t.Input.Input is { } input) foreach (var text in Strings(input)) yield return (text, "Input of " + owner, key + ".Input");
            if (t.Input.InputTemplate is { } template) yield return (template, "InputTemplate of " + owner, key + ".InputTemplate");
        }
        if (spec.Role.RoleArn is { } roleArn) yield return (roleArn, "RoleArn of [Role]", "Role.RoleArn");
        if (spec.Role.PermissionsBoundary is { } boundary) yield return (boundary, "PermissionsBoundary of [Role]", "Role.PermissionsBoundary");
        for (var i = 0; i < spec.Role.ExtraStatements.Count; i++)
            foreach (var text in Strings(spec.Role.ExtraStatements[i])) yield return (text, "[RolePolicyStatement]", $"RolePolicyStatement[{i}]");
        if (spec.Logging?.LogGroupArn is { } logGroup) yield return (logGroup, "LogGroupArn of [Logging]", "Logging.LogGroupArn");
    }

    private static IEnumerable<string> Strings(JsonValue value)
    {
        if (value.IsString) yield return value.Text!;
        else if (value.IsArray) foreach (var item in value.Items) foreach (var s in Strings(item)) yield return s;
        else if (value.IsObject) foreach (var p in value.Properties) foreach (var s in Strings(p.Value)) yield return s;
    }

    private static bool TopicDeclared(AssemblyDeploymentSpec assembly, string name) => assembly.Topics.Any(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    private static string Declared(AssemblyDeploymentSpec assembly)
        => assembly.Topics.Count == 0 ? " (none is declared)" : " (declared: " + string.Join(", ", assembly.Topics.Select(t => t.Name)) + ")";

    private static DateTimeOffset? ReadDate(string? text, SourceRef field, JsonLocationResolver? resolve, List<DiagnosticInfo> found)
    {
        if (text is null) return null;
        if (ScheduleExpressions.CheckDateTime(text) is { } problem)
        {
            found.Add(problem.ToDiagnostic(field, resolve));
            return null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) ? parsed : null;
    }

    /// <summary>FLOW7016: an object with Effect Allow|Deny, Action or NotAction, Resource or NotResource, and no key IAM does not define for a role policy.</summary>
    private static void CheckStatement(JsonValue statement, SourceRef field, JsonLocationResolver? resolve, List<DiagnosticInfo> found)
    {
        SourceRef At(int offset, int length) => resolve is not null && offset >= 0 && resolve(field, offset, length) is { IsKnown: true } r ? r : field;
        void Add(SourceRef where, string message) => found.Add(new DiagnosticInfo(DiagnosticIds.InvalidPolicyStatement, where, EquatableArray.Create(message)));

        if (!statement.IsObject)
        {
            Add(At(statement.Offset, statement.Length), "must be a JSON object such as { \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\" }");
            return;
        }
        foreach (var p in statement.Properties)
            if (Array.IndexOf(s_statementKeys, p.Name) < 0)
                Add(At(p.NameOffset, p.NameLength), $"has \"{p.Name}\", which a role policy statement does not take; use Sid, Effect, Action or NotAction, Resource or NotResource, Condition");
        var effect = statement["Effect"];
        if (effect is null) Add(field, "has no Effect; add \"Effect\": \"Allow\"");
        else if (!(effect.IsString && (effect.Text == "Allow" || effect.Text == "Deny"))) Add(At(effect.Offset, effect.Length), $"has Effect {effect}; it must be \"Allow\" or \"Deny\"");
        if (statement["Action"] is null && statement["NotAction"] is null) Add(field, "has no Action (or NotAction); name the actions it allows, such as \"s3:GetObject\"");
        if (statement["Resource"] is null && statement["NotResource"] is null) Add(field, "has no Resource (or NotResource); name the ARNs, or \"*\"");
        foreach (var name in new[] { "Action", "NotAction" })
        {
            if (statement[name] is not { } actions) continue;
            foreach (var action in actions.IsArray ? actions.Items.ToArray() : new[] { actions })
                if (!action.IsString || (action.Text!.IndexOf(':') <= 0 && action.Text != "*"))
                    Add(At(action.Offset, action.Length), $"has {name} {action}; an action is \"service:Operation\" (for example \"s3:GetObject\") or \"*\"");
        }
        foreach (var name in new[] { "Resource", "NotResource" })
        {
            if (statement[name] is not { } resources) continue;
            foreach (var resource in resources.IsArray ? resources.Items.ToArray() : new[] { resources })
                if (!resource.IsString || resource.Text!.Length == 0)
                    Add(At(resource.Offset, resource.Length), $"has {name} {resource}; a resource is an ARN (\"arn:aws:s3:::bucket/*\") or \"*\"");
        }
    }
}
