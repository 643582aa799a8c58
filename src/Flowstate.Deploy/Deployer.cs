using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Flowstate.Deploy.Aws;
using Flowstate.Deploy.Planning;

namespace Flowstate.Deploy;

/// <summary>How the deploy program talks to the person (or CI) running it.</summary>
public interface IDeployUi
{
    void Info(string line);
    void Warn(string line);
    void StackEvent(StackEvent e);
    bool IsInteractive { get; }
    /// <summary>Asks a yes/no question (only called when <see cref="IsInteractive"/>).</summary>
    bool Confirm(string question);
}

/// <summary>Polling cadence; tests shorten it.</summary>
public sealed record DeploySettings(TimeSpan PollInterval, TimeSpan MaxWait)
{
    public static DeploySettings Default { get; } = new(TimeSpan.FromSeconds(2), TimeSpan.FromHours(2));
}

/// <summary>
/// plan / deploy / destroy / status / start for one stack of an app, over <see cref="ICloudFormation"/>
/// and <see cref="IStepFunctions"/>. Safety rules: a stack is only changed or deleted when its tags
/// say Flowstate created it for this app and stage; a deploy that changes nothing makes no write call
/// (template, parameters and tags are compared with the deployed ones first); replacements and removals
/// need a confirmation (or --yes); every write carries an idempotency token derived from its content.
/// </summary>
public sealed class Deployer
{
    public const int InlineTemplateLimit = 51_200;
    public const string AppTag = "flowstate:app";
    public const string StageTag = "flowstate:stage";
    public static readonly IReadOnlyList<string> Capabilities = new[] { "CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND" };

    private static readonly HashSet<string> StableStatuses = new(StringComparer.Ordinal)
    {
        "CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE", "IMPORT_ROLLBACK_COMPLETE",
    };

    private readonly ICloudFormation _cfn;
    private readonly IStepFunctions _sfn;
    private readonly ITemplateStore _templates;
    private readonly IDeployUi _ui;
    private readonly DeploySettings _settings;
    private readonly string _region;
    private readonly string? _profile;
    private readonly Func<string, string?, DateTime, int, IReadOnlyList<DateTime>>? _nextRuns;

    public Deployer(ICloudFormation cfn, IStepFunctions sfn, ITemplateStore templates, IDeployUi ui, DeploySettings settings, string region, string? profile,
        Func<string, string?, DateTime, int, IReadOnlyList<DateTime>>? nextRuns = null)
    {
        _cfn = cfn;
        _sfn = sfn;
        _templates = templates;
        _ui = ui;
        _settings = settings;
        _region = region;
        _profile = profile;
        _nextRuns = nextRuns;
    }

    /// <summary>The stack, its parameters and tags for one stage, resolved before any AWS call.</summary>
    public sealed record Target(DeployStack Stack, string Stage, string StackName, StageValues Values, IReadOnlyList<Parameter> Parameters,
        IReadOnlyList<Tag> Tags, bool HasNoEcho)
    {
        internal Template Template { get; init; } = null!;
    }

    public static Target Resolve(DeployStack stack, string stage, StageValues values)
    {
        var template = stack.ParseTemplate();
        var parameters = new List<Parameter>();
        foreach (var p in template.Parameters)
        {
            if (values.Parameters.TryGetValue(p.Name, out var v)) parameters.Add(new Parameter(p.Name, v));
            else if (p.Default is null)
                throw new DeployException(ExitCodes.Usage,
                    $"The template parameter '{p.Name}' of stack '{stack.Name}' has no value for stage '{stage}'.",
                    values.FilePath is { } f
                        ? $"Add it to {f}: {{ \"parameters\": {{ \"{p.Name}\": \"...\" }} }} (or under \"stacks\": {{ \"{stack.Name}\": {{ \"parameters\": ... }} }})."
                        : $"Create flowstate.{stage}.json next to the project with {{ \"parameters\": {{ \"{p.Name}\": \"...\" }} }}.");
        }
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in values.Tags) tags[k] = v;
        tags[AppTag] = stack.AppName;
        tags[StageTag] = stage;
        var name = values.StackName ?? $"{stack.Name}-{stage}";
        return new Target(stack, stage, name, values, parameters, tags.Select(t => new Tag(t.Key, t.Value)).ToArray(),
            template.Parameters.Any(p => p.NoEcho)) { Template = template };
    }

    // ---------------------------------------------------------------- plan

    public async Task<PlanResult> PlanAsync(Target t, CancellationToken ct)
    {
        var existing = await DescribeStackAsync(t.StackName, ct).ConfigureAwait(false);
        if (existing is null || existing.StackStatus == "REVIEW_IN_PROGRESS")
            return LocalPlanForNewStack(t);
        CheckOwnership(existing, t, "plan");
        CheckUpdatable(existing, t, await FirstFailureAsync(existing.StackId, ct).ConfigureAwait(false));
        var deployed = await GetDeployedTemplateAsync(t.StackName, ct).ConfigureAwait(false);
        if (deployed is not null && IsUnchanged(t, existing, deployed))
            return new PlanResult(t.StackName, _region, true, true, Array.Empty<PlannedChange>(), Array.Empty<MachineDiff>(), Array.Empty<ScheduleChange>(), Array.Empty<string>());

        var name = ChangeSetName(t, "plan", "UPDATE");
        try
        {
            var cs = await CreateChangeSetAsync(t, name, "UPDATE", ct).ConfigureAwait(false);
            return BuildPlan(t, true, cs, deployed);
        }
        finally
        {
            // plan leaves nothing behind
            try { await _cfn.DeleteChangeSetAsync(new DeleteChangeSetRequest(name, t.StackName), ct).ConfigureAwait(false); }
            catch (AwsServiceException e) when (e.Code is "ChangeSetNotFound" or "ChangeSetNotFoundException" || Errors.IsStackMissing(e)) { }
        }
    }

    private PlanResult LocalPlanForNewStack(Target t)
    {
        var changes = t.Template.Resources.Select(r => new PlannedChange("Add", r.LogicalId, (string?)r.Resource["Type"], null, Array.Empty<string>())).ToArray();
        var machines = t.Template.OfType("AWS::StepFunctions::StateMachine")
            .Select(m => new MachineDiff(m.LogicalId, MachineName(m.Resource), new[] { "new state machine: " + StateCount(DefinitionDiff.DefinitionOf(m.Resource)) })).ToArray();
        return new PlanResult(t.StackName, _region, false, false, changes, machines, Schedules(null, t.Template), Array.Empty<string>());
    }

    private static string StateCount(JsonNode? definition)
        => definition?["States"] is JsonObject s ? $"{s.Count} states, starts at {definition["StartAt"]}" : "definition not readable from the template";

    private PlanResult BuildPlan(Target t, bool exists, DescribeChangeSetResponse? cs, Template? deployed)
    {
        var changes = cs?.Changes.Select(c => new PlannedChange(c.Replacement == "True" ? "Replace" : c.Action, c.LogicalResourceId, c.ResourceType, c.Replacement,
            c.Details.Where(d => d.Name is not null || d.Attribute is not null)
                .Select(d => $"{d.Attribute}{(d.Name is null ? "" : "." + d.Name)}{(d.RequiresRecreation is "Always" or "Conditionally" ? $" (requires recreation: {d.RequiresRecreation})" : "")}")
                .Distinct(StringComparer.Ordinal).ToArray())).ToArray() ?? Array.Empty<PlannedChange>();
        var warnings = new List<string>();
        foreach (var c in changes)
        {
            if (c.Action == "Remove") warnings.Add($"{c.LogicalId} ({c.ResourceType}) will be DELETED.");
            else if (c.Replacement is "True") warnings.Add($"{c.LogicalId} ({c.ResourceType}) will be REPLACED: a new one is created and the old one deleted (its ARN changes; a state machine loses its execution history).");
            else if (c.Replacement is "Conditional") warnings.Add($"{c.LogicalId} ({c.ResourceType}) may be REPLACED, depending on values known only during the deploy.");
        }
        var machines = new List<MachineDiff>();
        foreach (var (id, resource) in t.Template.OfType("AWS::StepFunctions::StateMachine"))
        {
            var before = deployed?.OfType("AWS::StepFunctions::StateMachine").FirstOrDefault(r => r.LogicalId == id).Resource;
            if (before is null) { machines.Add(new MachineDiff(id, MachineName(resource), new[] { "new state machine: " + StateCount(DefinitionDiff.DefinitionOf(resource)) })); continue; }
            var lines = DefinitionDiff.Compare(DefinitionDiff.DefinitionOf(before), DefinitionDiff.DefinitionOf(resource));
            if (lines.Count > 0) machines.Add(new MachineDiff(id, MachineName(resource), lines));
        }
        foreach (var (id, resource) in deployed?.OfType("AWS::StepFunctions::StateMachine") ?? Enumerable.Empty<(string, JsonObject)>())
            if (!t.Template.OfType("AWS::StepFunctions::StateMachine").Any(r => r.LogicalId == id))
                machines.Add(new MachineDiff(id, MachineName(resource), new[] { "state machine removed" }));
        return new PlanResult(t.StackName, _region, exists, false, changes, machines, Schedules(deployed, t.Template), warnings);
    }

    private static string? MachineName(JsonObject resource)
        => resource["Metadata"]?["Flowstate"]?["StateMachineName"]?.ToString() ?? (resource["Properties"]?["StateMachineName"] as JsonValue)?.ToString();

    private IReadOnlyList<ScheduleChange> Schedules(Template? before, Template after)
    {
        var result = new List<ScheduleChange>();
        foreach (var (id, r) in after.Resources)
        {
            var type = (string?)r["Type"];
            if (type is not ("AWS::Scheduler::Schedule" or "AWS::Events::Rule")) continue;
            var expr = r["Properties"]?["ScheduleExpression"] as JsonValue;
            if (expr is null) continue;
            var tz = type == "AWS::Scheduler::Schedule" ? (r["Properties"]?["ScheduleExpressionTimezone"] as JsonValue)?.ToString() : "UTC";
            var old = before?.Resources.FirstOrDefault(x => x.LogicalId == id).Resource;
            var oldExpr = (old?["Properties"]?["ScheduleExpression"] as JsonValue)?.ToString();
            var oldTz = type == "AWS::Scheduler::Schedule" ? (old?["Properties"]?["ScheduleExpressionTimezone"] as JsonValue)?.ToString() : "UTC";
            if (old is not null && oldExpr == expr.ToString() && oldTz == tz) continue;
            result.Add(new ScheduleChange(id, oldExpr, expr.ToString(), tz ?? "UTC", NextRuns(expr.ToString(), tz)));
        }
        return result;
    }

    private IReadOnlyList<string> NextRuns(string expression, string? timeZone)
    {
        if (_nextRuns is null) return Array.Empty<string>();
        IReadOnlyList<DateTime> runs;
        try { runs = _nextRuns(expression, timeZone == "UTC" ? null : timeZone, DateTime.UtcNow, 3); }
        catch (TimeZoneNotFoundException e) { return new[] { "(run times not shown: " + e.Message + ")" }; }
        TimeZoneInfo? zone = null;
        if (timeZone is not null && timeZone != "UTC")
            try { zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone); } catch (TimeZoneNotFoundException) { } catch (InvalidTimeZoneException) { }
        return runs.Select(u =>
        {
            var utc = DateTime.SpecifyKind(u, DateTimeKind.Utc);
            return zone is null
                ? utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
                : TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + timeZone
                  + utc.ToString(" '('HH:mm 'UTC)'", CultureInfo.InvariantCulture);
        }).ToArray();
    }

    // ---------------------------------------------------------------- deploy

    public async Task<DeployResult> DeployAsync(Target t, bool yes, CancellationToken ct)
    {
        var existing = await DescribeStackAsync(t.StackName, ct).ConfigureAwait(false);
        var creating = existing is null || existing.StackStatus == "REVIEW_IN_PROGRESS";
        Template? deployed = null;
        if (existing is not null)
        {
            CheckOwnership(existing, t, "deploy");
            if (await FollowInterruptedRunAsync(t, existing, ct).ConfigureAwait(false) is { } resumed)
                return resumed;
            if (!creating)
            {
                CheckUpdatable(existing, t, await FirstFailureAsync(existing.StackId, ct).ConfigureAwait(false));
                deployed = await GetDeployedTemplateAsync(t.StackName, ct).ConfigureAwait(false);
                if (deployed is not null && IsUnchanged(t, existing, deployed))
                {
                    _ui.Info($"No changes: stack {t.StackName} already runs this template with these parameters and tags.");
                    return new DeployResult(t.StackName, _region, "no changes", existing.StackStatus, null, Outputs(existing), null);
                }
            }
        }

        var type = creating ? "CREATE" : "UPDATE";
        var name = ChangeSetName(t, "deploy", type);
        _ui.Info(creating ? $"Creating stack {t.StackName} in {_region} (change set {name})." : $"Updating stack {t.StackName} in {_region} (change set {name}).");
        var cs = await CreateChangeSetAsync(t, name, type, ct).ConfigureAwait(false);
        if (cs is null)
        {
            _ui.Info($"No changes: CloudFormation found nothing to change in {t.StackName}.");
            var now = await DescribeStackAsync(t.StackName, ct).ConfigureAwait(false);
            return new DeployResult(t.StackName, _region, "no changes", now?.StackStatus, null, now is null ? new Dictionary<string, string>() : Outputs(now), null);
        }
        var plan = creating ? LocalPlanForNewStack(t) with { Changes = BuildPlan(t, false, cs, null).Changes } : BuildPlan(t, true, cs, deployed);
        foreach (var line in PlanText.Render(plan)) _ui.Info(line);

        if (plan.HasDestructiveChanges && !yes)
        {
            if (!_ui.IsInteractive)
            {
                await DeleteChangeSetQuietlyAsync(name, t.StackName, ct).ConfigureAwait(false);
                throw new DeployException(ExitCodes.NotConfirmed, "This deploy replaces or deletes resources and needs a confirmation.", "Review the plan above, then run again with --yes.");
            }
            if (!_ui.Confirm("Replace/delete the resources listed above?"))
            {
                await DeleteChangeSetQuietlyAsync(name, t.StackName, ct).ConfigureAwait(false);
                throw new DeployException(ExitCodes.NotConfirmed, "Deploy cancelled; nothing was changed.");
            }
        }

        var seen = await EventIdsAsync(t.StackName, ct).ConfigureAwait(false);
        try
        {
            await _cfn.ExecuteChangeSetAsync(new ExecuteChangeSetRequest(name, t.StackName, ClientRequestToken: "exec-" + name), ct).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.Code is "InvalidChangeSetStatus" or "InvalidChangeSetStatusException")
        {
            // A retried execute whose first attempt went through: the change set is executing or executed.
            _ui.Info("The change set is already executing (a retried request); following it.");
        }
        return await FinishAsync(t, seen, creating, plan, ct).ConfigureAwait(false);
    }

    /// <summary>Follows the stack until its operation ends; the result, or the failure with its first reason and what to do.</summary>
    private async Task<DeployResult> FinishAsync(Target t, HashSet<string> seen, bool creating, PlanResult? plan, CancellationToken ct)
    {
        var final = await FollowAsync(t.StackName, seen, ct).ConfigureAwait(false);
        var ok = final?.StackStatus is "CREATE_COMPLETE" or "UPDATE_COMPLETE";
        if (!ok)
        {
            var reason = await FirstFailureAsync(final?.StackId ?? t.StackName, ct).ConfigureAwait(false);
            throw new DeployException(ExitCodes.Failed,
                $"The deploy of {t.StackName} failed: the stack is {final?.StackStatus ?? "gone"}." + (reason is null ? "" : $"\nFirst failure: {reason}"),
                StateAdvice(final?.StackStatus, t));
        }
        _ui.Info($"Stack {t.StackName} is {final!.StackStatus}.");
        return new DeployResult(t.StackName, _region, creating ? "created" : "updated", final.StackStatus, plan, Outputs(final), null);
    }

    /// <summary>
    /// A run killed after ExecuteChangeSet leaves the stack in progress with this very change (same
    /// template, parameters and tags give the same change set name): the re-run follows it to the end
    /// instead of calling the stack busy. Any other operation in progress stays "busy".
    /// </summary>
    private async Task<DeployResult?> FollowInterruptedRunAsync(Target t, Stack existing, CancellationToken ct)
    {
        var creating = existing.StackStatus == "CREATE_IN_PROGRESS";
        if (!creating && existing.StackStatus is not ("UPDATE_IN_PROGRESS" or "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")) return null;
        var own = ChangeSetName(t, "deploy", creating ? "CREATE" : "UPDATE");
        if (existing.ChangeSetId is not { } id || !id.Contains(":changeSet/" + own + "/", StringComparison.Ordinal)) return null;
        _ui.Info($"Stack {t.StackName} is {existing.StackStatus} with this same change (change set {own}, started by an earlier run); following it.");
        var seen = await EventIdsAsync(t.StackName, ct).ConfigureAwait(false);
        return await FinishAsync(t, seen, creating, null, ct).ConfigureAwait(false);
    }

    private async Task DeleteChangeSetQuietlyAsync(string name, string stack, CancellationToken ct)
    {
        try { await _cfn.DeleteChangeSetAsync(new DeleteChangeSetRequest(name, stack), ct).ConfigureAwait(false); }
        catch (AwsServiceException) { }
    }

    /// <summary>Creates (or, after an interrupted run, reuses) the change set and waits for it. Null when it holds no changes.</summary>
    private async Task<DescribeChangeSetResponse?> CreateChangeSetAsync(Target t, string name, string type, CancellationToken ct)
    {
        var existing = await TryDescribeChangeSetAsync(name, t.StackName, ct).ConfigureAwait(false);
        if (existing is { Status: "FAILED" } && !Errors.IsNoChanges(existing.StatusReason) || existing?.ExecutionStatus is "EXECUTE_FAILED" or "OBSOLETE")
        {
            await DeleteChangeSetQuietlyAsync(name, t.StackName, ct).ConfigureAwait(false);
            existing = null;
        }
        if (existing is null)
        {
            string? body = t.Template.Text, url = null;
            if (Encoding.UTF8.GetByteCount(body) > InlineTemplateLimit)
            {
                url = await _templates.UploadAsync(t.StackName, body, ct).ConfigureAwait(false);
                body = null;
            }
            try
            {
                await _cfn.CreateChangeSetAsync(new CreateChangeSetRequest
                {
                    StackName = t.StackName, ChangeSetName = name, ChangeSetType = type, TemplateBody = body, TemplateURL = url,
                    Parameters = t.Parameters, Capabilities = Capabilities, Tags = t.Tags, ClientToken = name,
                    Description = $"Flowstate {t.Stack.AppName} ({t.Stage})",
                }, ct).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (e.Code is "AlreadyExistsException" or "AlreadyExists")
            {
                // The same content was submitted before (a retried or interrupted run): use that change set.
            }
            catch (AwsServiceException e) when (e.Code == "ValidationError" && Errors.IsNoChanges(e.AwsMessage))
            {
                return null;
            }
        }
        var deadline = DateTime.UtcNow + _settings.MaxWait;
        while (true)
        {
            var cs = await DescribeChangeSetAllAsync(name, t.StackName, ct).ConfigureAwait(false);
            switch (cs.Status)
            {
                case "CREATE_COMPLETE":
                    return cs;
                case "FAILED" when Errors.IsNoChanges(cs.StatusReason):
                    await DeleteChangeSetQuietlyAsync(name, t.StackName, ct).ConfigureAwait(false);
                    return null;
                case "FAILED":
                    await DeleteChangeSetQuietlyAsync(name, t.StackName, ct).ConfigureAwait(false);
                    throw new DeployException(ExitCodes.Failed, $"CloudFormation rejected the change set for {t.StackName}: {cs.StatusReason}",
                        "The template or a parameter value is not valid for CloudFormation; fix it and run again.");
            }
            if (DateTime.UtcNow > deadline)
                throw new DeployException(ExitCodes.Failed, $"The change set {name} did not finish within {_settings.MaxWait}.");
            await Task.Delay(_settings.PollInterval, ct).ConfigureAwait(false);
        }
    }

    private async Task<DescribeChangeSetResponse?> TryDescribeChangeSetAsync(string name, string stack, CancellationToken ct)
    {
        try { return await DescribeChangeSetAllAsync(name, stack, ct).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.Code is "ChangeSetNotFound" or "ChangeSetNotFoundException" || Errors.IsStackMissing(e)) { return null; }
    }

    private async Task<DescribeChangeSetResponse> DescribeChangeSetAllAsync(string name, string stack, CancellationToken ct)
    {
        var first = await Call(() => _cfn.DescribeChangeSetAsync(new DescribeChangeSetRequest(name, stack), ct), stack).ConfigureAwait(false);
        var changes = new List<ResourceChange>(first.Changes);
        var token = first.NextToken;
        while (token is not null)
        {
            var page = await Call(() => _cfn.DescribeChangeSetAsync(new DescribeChangeSetRequest(name, stack, token), ct), stack).ConfigureAwait(false);
            changes.AddRange(page.Changes);
            token = page.NextToken;
        }
        return first with { Changes = changes, NextToken = null };
    }

    /// <summary>Deterministic: the same stack, template, parameters and tags give the same name, so a retried or re-run deploy finds its change set instead of making a second one.</summary>
    internal static string ChangeSetName(Target t, string purpose, string type)
    {
        var sb = new StringBuilder().Append(type).Append('\n').Append(t.StackName).Append('\n').Append(t.Template.Text).Append('\n');
        foreach (var p in t.Parameters) sb.Append(p.ParameterKey).Append('=').Append(p.ParameterValue).Append('\n');
        foreach (var tag in t.Tags) sb.Append(tag.Key).Append('=').Append(tag.Value).Append('\n');
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()))).ToLowerInvariant();
        return $"flowstate-{purpose}-{hash[..20]}";
    }

    private bool IsUnchanged(Target t, Stack existing, Template deployed)
    {
        if (t.HasNoEcho) return false; // NoEcho values come back as ****: cannot prove they are unchanged
        if (!JsonNode.DeepEquals(deployed.Root, t.Template.Root)) return false;
        var now = existing.Parameters.ToDictionary(p => p.ParameterKey, p => p.ParameterValue, StringComparer.Ordinal);
        var wanted = t.Template.Parameters.ToDictionary(p => p.Name, p => t.Parameters.FirstOrDefault(x => x.ParameterKey == p.Name)?.ParameterValue ?? p.Default, StringComparer.Ordinal);
        if (now.Count != wanted.Count || wanted.Any(w => !now.TryGetValue(w.Key, out var v) || v != w.Value)) return false;
        var tagsNow = existing.Tags.Select(x => x.Key + "=" + x.Value).OrderBy(x => x, StringComparer.Ordinal);
        var tagsWanted = t.Tags.Select(x => x.Key + "=" + x.Value).OrderBy(x => x, StringComparer.Ordinal);
        return tagsNow.SequenceEqual(tagsWanted, StringComparer.Ordinal);
    }

    private async Task<Template?> GetDeployedTemplateAsync(string stack, CancellationToken ct)
    {
        var r = await Call(() => _cfn.GetTemplateAsync(new GetTemplateRequest(stack, TemplateStage: "Original"), ct), stack).ConfigureAwait(false);
        return Template.TryParse(r.TemplateBody);
    }

    // ---------------------------------------------------------------- following a stack operation

    private async Task<HashSet<string>> EventIdsAsync(string stack, CancellationToken ct)
    {
        try
        {
            var r = await _cfn.DescribeStackEventsAsync(new DescribeStackEventsRequest(stack), ct).ConfigureAwait(false);
            return r.StackEvents.Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);
        }
        catch (AwsServiceException e) when (Errors.IsStackMissing(e)) { return new HashSet<string>(StringComparer.Ordinal); }
    }

    /// <summary>Prints new stack events until the stack leaves *_IN_PROGRESS; returns the final stack (null when it is gone).</summary>
    private async Task<Stack?> FollowAsync(string stackNameOrId, HashSet<string> seen, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + _settings.MaxWait;
        while (true)
        {
            var stack = await DescribeStackAsync(stackNameOrId, ct).ConfigureAwait(false);
            await PrintNewEventsAsync(stack?.StackId ?? stackNameOrId, seen, ct).ConfigureAwait(false);
            if (stack is null || !stack.StackStatus.EndsWith("_IN_PROGRESS", StringComparison.Ordinal))
                return stack;
            if (DateTime.UtcNow > deadline)
                throw new DeployException(ExitCodes.Failed, $"Stack {stackNameOrId} is still {stack.StackStatus} after {_settings.MaxWait}.", "It keeps running in AWS; 'status' shows where it is.");
            await Task.Delay(_settings.PollInterval, ct).ConfigureAwait(false);
        }
    }

    private async Task PrintNewEventsAsync(string stack, HashSet<string> seen, CancellationToken ct)
    {
        var fresh = new List<StackEvent>();
        string? token = null;
        try
        {
            do
            {
                var page = await _cfn.DescribeStackEventsAsync(new DescribeStackEventsRequest(stack, token), ct).ConfigureAwait(false);
                var any = false;
                foreach (var e in page.StackEvents)
                {
                    if (seen.Contains(e.EventId)) { any = true; break; }
                    fresh.Add(e);
                }
                token = any ? null : page.NextToken;
            } while (token is not null);
        }
        catch (AwsServiceException e) when (Errors.IsStackMissing(e)) { }
        fresh.Reverse(); // the API answers newest first
        foreach (var e in fresh)
        {
            seen.Add(e.EventId);
            _ui.StackEvent(e);
        }
    }

    /// <summary>The first (oldest) failed resource of the stack's latest operation, with its reason.</summary>
    private async Task<string?> FirstFailureAsync(string stack, CancellationToken ct)
    {
        try
        {
            var events = (await _cfn.DescribeStackEventsAsync(new DescribeStackEventsRequest(stack), ct).ConfigureAwait(false)).StackEvents;
            // newest first; walk back to the start of the latest stack operation, then take the oldest failure after it
            var latest = new List<StackEvent>();
            foreach (var e in events)
            {
                latest.Add(e);
                if (e.ResourceType == "AWS::CloudFormation::Stack" && e.ResourceStatus is "CREATE_IN_PROGRESS" or "UPDATE_IN_PROGRESS" or "DELETE_IN_PROGRESS"
                    && e.ResourceStatusReason is not null && e.ResourceStatusReason.StartsWith("User Initiated", StringComparison.Ordinal))
                    break;
            }
            latest.Reverse();
            var failed = latest.FirstOrDefault(e => e.ResourceStatus?.EndsWith("_FAILED", StringComparison.Ordinal) == true
                && e.ResourceType != "AWS::CloudFormation::Stack"
                && !string.Equals(e.ResourceStatusReason, "Resource creation cancelled", StringComparison.Ordinal));
            return failed is null ? null : $"{failed.LogicalResourceId} ({failed.ResourceType}) {failed.ResourceStatus}: {failed.ResourceStatusReason}";
        }
        catch (AwsServiceException) { return null; }
    }

    // ---------------------------------------------------------------- states and ownership

    private void CheckOwnership(Stack s, Target t, string verb)
    {
        var app = s.Tags.FirstOrDefault(x => x.Key == AppTag)?.Value;
        var stage = s.Tags.FirstOrDefault(x => x.Key == StageTag)?.Value;
        if (app == t.Stack.AppName && stage == t.Stage) return;
        var owner = app is null ? "it has no Flowstate tags (it was not created by Flowstate)" : $"its tags say app '{app}', stage '{stage}'";
        throw new DeployException(ExitCodes.StackState, $"Refusing to {verb} stack {s.StackName}: {owner}, but this is app '{t.Stack.AppName}', stage '{t.Stage}'.",
            "Flowstate only changes stacks it created for the same app and stage. Choose another stage or stackName in the values file.");
    }

    private void CheckUpdatable(Stack s, Target t, string? firstFailure)
    {
        if (StableStatuses.Contains(s.StackStatus)) return;
        var failure = firstFailure is null ? "" : $"\nFirst failure: {firstFailure}";
        if (s.StackStatus.EndsWith("_IN_PROGRESS", StringComparison.Ordinal))
            throw new DeployException(ExitCodes.StackState, $"Stack {s.StackName} is busy ({s.StackStatus}): another deploy, rollback or delete is running.",
                "Wait for it to finish ('status' shows it), then run the command again.");
        throw new DeployException(ExitCodes.StackState, $"Stack {s.StackName} is in {s.StackStatus} and cannot be updated." + failure, StateAdvice(s.StackStatus, t));
    }

    private string? StateAdvice(string? status, Target? t)
    {
        var stage = t is null ? "<stage>" : t.Stage;
        return status switch
        {
            "ROLLBACK_COMPLETE" or "ROLLBACK_FAILED" =>
                $"The stack's first deploy failed and CloudFormation rolled it back; such a stack can only be deleted. Fix the cause above, run 'destroy --stage {stage}', then deploy again.",
            "UPDATE_ROLLBACK_FAILED" =>
                $"An update failed and rolling it back failed too. Fix the cause above, then run 'aws cloudformation continue-update-rollback --stack-name {t?.StackName ?? "<stack>"} --region {_region}' (add --resources-to-skip for resources that cannot roll back), then deploy again.",
            "UPDATE_ROLLBACK_COMPLETE" =>
                "The update failed and was rolled back; the stack runs the previous version. Fix the cause above and deploy again.",
            "DELETE_FAILED" =>
                $"A delete failed; fix the cause above (often a non-empty bucket or a resource in use), then run 'destroy --stage {stage}' again.",
            _ => null,
        };
    }

    private async Task<Stack?> DescribeStackAsync(string stack, CancellationToken ct)
    {
        try
        {
            var r = await _cfn.DescribeStacksAsync(new DescribeStacksRequest(stack), ct).ConfigureAwait(false);
            return r.Stacks.FirstOrDefault();
        }
        catch (AwsServiceException e) when (Errors.IsStackMissing(e)) { return null; }
        catch (AwsServiceException e) { throw Errors.Explain(e, StackArn(stack), _profile); }
    }

    private async Task<T> Call<T>(Func<Task<T>> call, string stack)
    {
        try { return await call().ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.Code is not ("ChangeSetNotFound" or "ChangeSetNotFoundException") && !Errors.IsStackMissing(e))
        {
            throw Errors.Explain(e, StackArn(stack), _profile);
        }
    }

    private string StackArn(string stack) => stack.StartsWith("arn:", StringComparison.Ordinal) ? stack : $"arn:aws:cloudformation:{_region}:*:stack/{stack}/*";

    private static Dictionary<string, string> Outputs(Stack s) => s.Outputs.ToDictionary(o => o.OutputKey, o => o.OutputValue ?? "", StringComparer.Ordinal);

    // ---------------------------------------------------------------- destroy

    public async Task<DestroyResult> DestroyAsync(Target t, bool yes, CancellationToken ct)
    {
        var s = await DescribeStackAsync(t.StackName, ct).ConfigureAwait(false);
        if (s is null)
        {
            _ui.Info($"Stack {t.StackName} does not exist in {_region}; nothing to destroy.");
            return new DestroyResult(t.StackName, _region, "absent");
        }
        CheckOwnership(s, t, "destroy");
        if (s.StackStatus.EndsWith("_IN_PROGRESS", StringComparison.Ordinal) && s.StackStatus is not ("REVIEW_IN_PROGRESS" or "DELETE_IN_PROGRESS"))
            throw new DeployException(ExitCodes.StackState, $"Stack {s.StackName} is busy ({s.StackStatus}).", "Wait for it to finish, then destroy.");
        if (!yes)
        {
            if (!_ui.IsInteractive)
                throw new DeployException(ExitCodes.NotConfirmed, $"destroy deletes stack {t.StackName} and every resource in it; it needs a confirmation.", "Run again with --yes.");
            if (!_ui.Confirm($"Delete stack {t.StackName} ({_region}) and all its resources?"))
                throw new DeployException(ExitCodes.NotConfirmed, "Destroy cancelled; nothing was deleted.");
        }
        var seen = await EventIdsAsync(s.StackId, ct).ConfigureAwait(false);
        var token = "destroy-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s.StackId))).ToLowerInvariant()[..24];
        await Call(async () => { await _cfn.DeleteStackAsync(new DeleteStackRequest(s.StackId, token), ct).ConfigureAwait(false); return 0; }, t.StackName).ConfigureAwait(false);
        var final = await FollowAsync(s.StackId, seen, ct).ConfigureAwait(false);
        if (final is not null && final.StackStatus != "DELETE_COMPLETE")
        {
            var reason = await FirstFailureAsync(s.StackId, ct).ConfigureAwait(false);
            throw new DeployException(ExitCodes.Failed, $"Deleting {t.StackName} failed: {final.StackStatus}." + (reason is null ? "" : $"\nFirst failure: {reason}"), StateAdvice(final.StackStatus, t));
        }
        _ui.Info($"Stack {t.StackName} deleted.");
        return new DestroyResult(t.StackName, _region, "deleted");
    }

    // ---------------------------------------------------------------- status

    public async Task<StatusResult> StatusAsync(Target t, int executions, CancellationToken ct)
    {
        var s = await DescribeStackAsync(t.StackName, ct).ConfigureAwait(false);
        if (s is null)
            return new StatusResult(t.StackName, _region, false, null, null, null, new Dictionary<string, string>(), Array.Empty<MachineStatus>());
        var resources = await Call(() => _cfn.DescribeStackResourcesAsync(new DescribeStackResourcesRequest(t.StackName), ct), t.StackName).ConfigureAwait(false);
        var machines = new List<MachineStatus>();
        foreach (var (id, r) in t.Template.OfType("AWS::StepFunctions::StateMachine"))
        {
            var arn = resources.StackResources.FirstOrDefault(x => x.LogicalResourceId == id)?.PhysicalResourceId;
            var list = new List<ExecutionSummary>();
            if (arn is not null)
            {
                try
                {
                    var ex = await _sfn.ListExecutionsAsync(new ListExecutionsRequest(arn, MaxResults: executions), ct).ConfigureAwait(false);
                    list.AddRange(ex.Executions.Take(executions).Select(e => new ExecutionSummary(e.Name ?? e.ExecutionArn, e.Status ?? "?", Iso(e.StartDate), Iso(e.StopDate))));
                }
                catch (AwsServiceException e) { throw Errors.Explain(e, arn, _profile); }
            }
            machines.Add(new MachineStatus(MachineName(r) ?? id, id, arn, list));
        }
        return new StatusResult(s.StackName, _region, true, s.StackStatus, s.StackStatusReason, Iso(s.LastUpdatedTime ?? s.CreationTime), Outputs(s), machines);
    }

    private static string? Iso(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // ---------------------------------------------------------------- start

    public async Task<StartResult> StartAsync(Target t, string machine, string? input, string? executionName, bool wait, Action<string> progress, CancellationToken ct)
    {
        var id = t.Template.FindMachine(machine) ?? t.Stack.StateMachineNames.Where(n => n == machine).Select(t.Template.FindMachine).FirstOrDefault(x => x is not null);
        if (id is null)
        {
            var known = t.Template.OfType("AWS::StepFunctions::StateMachine").Select(m => MachineName(m.Resource) ?? m.LogicalId).ToArray();
            throw new DeployException(ExitCodes.Usage, $"No state machine named '{machine}' in stack {t.Stack.Name}.", "Known: " + string.Join(", ", known) + ".");
        }
        if (input is not null)
        {
            try { using var _ = JsonDocument.Parse(input); }
            catch (JsonException e) { throw new DeployException(ExitCodes.Usage, $"The execution input is not valid JSON: {e.Message}", "Pass --input '{\"key\": \"value\"}' or --input @file.json."); }
        }
        var s = await DescribeStackAsync(t.StackName, ct).ConfigureAwait(false)
            ?? throw new DeployException(ExitCodes.StackState, $"Stack {t.StackName} is not deployed in {_region}.", $"Run 'deploy --stage {t.Stage}' first.");
        var resources = await Call(() => _cfn.DescribeStackResourcesAsync(new DescribeStackResourcesRequest(s.StackId), ct), t.StackName).ConfigureAwait(false);
        var arn = resources.StackResources.FirstOrDefault(x => x.LogicalResourceId == id)?.PhysicalResourceId
            ?? throw new DeployException(ExitCodes.StackState, $"State machine {id} is not (yet) in stack {t.StackName}.", $"Run 'deploy --stage {t.Stage}' first.");

        // One name for every retry: StartExecution is idempotent for the same name and input.
        var name = executionName ?? "flowstate-" + DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture) + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        StartExecutionResponse started;
        try { started = await _sfn.StartExecutionAsync(new StartExecutionRequest(arn, name, input ?? "{}"), ct).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.Code is "ExecutionAlreadyExists")
        {
            throw new DeployException(ExitCodes.Usage, $"An execution named '{name}' already exists with a different input.", "Choose another --name.");
        }
        catch (AwsServiceException e) { throw Errors.Explain(e, arn, _profile); }
        var console = $"https://{_region}.console.aws.amazon.com/states/home?region={_region}#/v2/executions/details/{started.ExecutionArn}";
        progress($"Started {started.ExecutionArn}");
        progress($"  {console}");
        if (!wait) return new StartResult(machine, started.ExecutionArn, "RUNNING", null, null, null, console);

        var history = new HistoryCursor();
        var deadline = DateTime.UtcNow + _settings.MaxWait;
        while (true)
        {
            await PrintHistoryAsync(started.ExecutionArn, history, progress, ct).ConfigureAwait(false);
            DescribeExecutionResponse d;
            try { d = await _sfn.DescribeExecutionAsync(new DescribeExecutionRequest(started.ExecutionArn), ct).ConfigureAwait(false); }
            catch (AwsServiceException e) { throw Errors.Explain(e, started.ExecutionArn, _profile); }
            if (d.Status is not ("RUNNING" or "PENDING_REDRIVE" or null))
            {
                await PrintHistoryAsync(started.ExecutionArn, history, progress, ct).ConfigureAwait(false);
                return new StartResult(machine, started.ExecutionArn, d.Status, d.Output, d.Error, d.Cause, console);
            }
            // The history's last event ends the execution even when DescribeExecution has not caught
            // up yet (the two are read separately; moto never updates the status at all).
            if (history.Terminal is { } end)
                return new StartResult(machine, started.ExecutionArn, end.Status, d.Output ?? end.Output, d.Error ?? end.Error, d.Cause ?? end.Cause, console);
            if (DateTime.UtcNow > deadline)
                throw new DeployException(ExitCodes.Failed, $"The execution is still RUNNING after {_settings.MaxWait}; it goes on in AWS.", console);
            await Task.Delay(_settings.PollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>How far the history has been printed, and the event that ended the execution once seen.</summary>
    private sealed class HistoryCursor
    {
        public long LastId;
        public (string Status, string? Output, string? Error, string? Cause)? Terminal;
    }

    private static readonly Dictionary<string, string> TerminalEvents = new(StringComparer.Ordinal)
    {
        ["ExecutionSucceeded"] = "SUCCEEDED",
        ["ExecutionFailed"] = "FAILED",
        ["ExecutionTimedOut"] = "TIMED_OUT",
        ["ExecutionAborted"] = "ABORTED",
    };

    private async Task PrintHistoryAsync(string executionArn, HistoryCursor cursor, Action<string> progress, CancellationToken ct)
    {
        var lastId = cursor.LastId;
        var fresh = new List<HistoryEvent>();
        string? token = null;
        try
        {
            do
            {
                var page = await _sfn.GetExecutionHistoryAsync(new GetExecutionHistoryRequest(executionArn, MaxResults: 100, ReverseOrder: true, NextToken: token), ct).ConfigureAwait(false);
                var reached = false;
                foreach (var e in page.Events)
                {
                    if (e.Id <= lastId) { reached = true; break; }
                    fresh.Add(e);
                }
                token = reached ? null : page.NextToken;
            } while (token is not null);
        }
        catch (AwsServiceException e) { throw Errors.Explain(e, executionArn, _profile); }
        fresh.Sort((a, b) => a.Id.CompareTo(b.Id));
        foreach (var e in fresh)
        {
            if (ExecutionText.Describe(e) is { } line) progress(line);
            if (TerminalEvents.TryGetValue(e.Type, out var status))
                cursor.Terminal = (status, Detail(e, "output"), Detail(e, "error"), Detail(e, "cause"));
        }
        if (fresh.Count > 0) cursor.LastId = Math.Max(lastId, fresh[^1].Id);

        static string? Detail(HistoryEvent e, string field)
        {
            var key = char.ToLowerInvariant(e.Type[0]) + e.Type[1..] + "EventDetails";
            return e.Details is not null && e.Details.TryGetValue(key, out var d) && d.ValueKind == JsonValueKind.Object
                && d.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        }
    }
}
