using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Flowstate.Core.Deployment;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using Microsoft.CodeAnalysis;

namespace Flowstate.Generator.Parsing;

/// <summary>The deployment model of one [StateMachine] class and the problems found while building it.</summary>
public sealed record DeploymentParseResult(MachineDeploymentSpec Spec, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// C# symbols -> deployment model: the attributes around a state machine ([Schedule], [OnEvent],
/// [Alarm], [Role], ...) on its class, and the [assembly: Flowstate*] declarations. Like
/// <see cref="StateMachineParser"/>, positions are captured only for analyzers. Checks that need
/// only one attribute happen here (JSON text, one input form, ranges); checks across the assembly
/// (unknown topic, unknown stack) are <see cref="DeploymentRules"/>' on the model.
/// </summary>
public static class DeploymentParser
{

    /// <summary>Retention values CloudWatch Logs accepts (AWS::Logs::LogGroup RetentionInDays).</summary>
    internal static readonly int[] RetentionDays = { 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 };

    public static DeploymentParseResult Parse(INamedTypeSymbol machine, string machineName, string workflowType, bool captureLocations, CancellationToken cancellationToken)
        => Parse(machine, machineName, workflowType, captureLocations, cancellationToken, null);

    /// <summary>As above, reading the nested classes' attributes from <paramref name="attributes"/> (null: the bound attributes).</summary>
    internal static DeploymentParseResult Parse(INamedTypeSymbol machine, string machineName, string workflowType, bool captureLocations, CancellationToken cancellationToken, AttributeSource? attributes)
    {
        var context = new ParseContext(captureLocations, cancellationToken, attributes);
        var spec = new Parser(context, machine, machineName, workflowType).Parse();
        return new DeploymentParseResult(spec, context.Diagnostics.ToEquatableArray());
    }

    /// <summary>The [assembly: Flowstate*] declarations (positions are not kept: the rules that need them re-read the attributes).</summary>
    public static AssemblyDeploymentSpec ParseAssembly(IAssemblySymbol assembly, CancellationToken cancellationToken)
    {
        var stacks = new List<StackDeclaration>();
        var parameters = new List<ParameterSpec>();
        var topics = new List<TopicSpec>();
        var buckets = new List<BucketSpec>();
        var tags = new List<TagSpec>();
        foreach (var attribute in assembly.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var a = new AttributeArguments(attribute, false, cancellationToken);
            switch (FlowstateSymbols.ShortName(attribute.AttributeClass))
            {
                case "FlowstateStack":
                    if (a.String("Name") is { } stack) stacks.Add(new StackDeclaration(stack, a.String("Description")));
                    break;
                case "FlowstateParameter":
                    if (a.String("Name") is { } parameter)
                        parameters.Add(new ParameterSpec(parameter, a.String("Description"), a.String("Default"), a.String("AllowedPattern")));
                    break;
                case "FlowstateTopic":
                    if (a.String("Name") is { } topic)
                        topics.Add(new TopicSpec(topic, a.String("Arn"), a.Bool("FromParameter") ?? false, a.String("DisplayName")));
                    break;
                case "FlowstateBucket":
                    if (a.String("Name") is { } bucket) buckets.Add(new BucketSpec(bucket));
                    break;
                case "FlowstateTag":
                    if (a.String("Key") is { } key) tags.Add(new TagSpec(key, a.String("Value") ?? ""));
                    break;
            }
        }
        return new AssemblyDeploymentSpec
        {
            AssemblyName = assembly.Name,
            Stacks = stacks.ToEquatableArray(),
            Parameters = parameters.ToEquatableArray(),
            Topics = topics.ToEquatableArray(),
            Buckets = buckets.ToEquatableArray(),
            Tags = tags.ToEquatableArray(),
        };
    }

    private sealed class Parser
    {
        private readonly ParseContext _context;
        private readonly INamedTypeSymbol _machine;
        private readonly string _machineName;
        private readonly string _workflowType;
        private readonly CancellationToken _ct;
        private readonly FieldLocations _locations;

        public Parser(ParseContext context, INamedTypeSymbol machine, string machineName, string workflowType)
        {
            _context = context;
            _machine = machine;
            _machineName = machineName;
            _workflowType = workflowType;
            _ct = context.CancellationToken;
            _locations = new FieldLocations(context.CaptureLocations);
        }

        private bool Capture => _context.CaptureLocations;

        public MachineDeploymentSpec Parse()
        {
            var schedules = new List<ScheduleSpec>();
            var triggers = new List<EventTriggerSpec>();
            var alarms = new List<AlarmSpec>();
            var statements = new List<JsonValue>();
            var tags = new List<TagSpec>();
            string? notify = null, stack = null;
            var role = new RoleSpec();
            LoggingSpec? logging = null;
            var tracing = false;
            var location = default(SourceRef);

            foreach (var attribute in _machine.GetAttributes())
            {
                _ct.ThrowIfCancellationRequested();
                var name = FlowstateSymbols.ShortName(attribute.AttributeClass);
                if (name is null) continue;
                var a = new AttributeArguments(attribute, Capture, _ct);
                switch (name)
                {
                    case "StateMachine":
                        location = a.Location;
                        break;
                    case "Schedule":
                        if (ParseSchedule(a, schedules.Count) is { } schedule) schedules.Add(schedule);
                        break;
                    case "OnS3ObjectCreated":
                        if (ParseS3(a, triggers.Count) is { } s3) triggers.Add(s3);
                        break;
                    case "OnEvent":
                        if (ParseEvent(a, triggers.Count) is { } e) triggers.Add(e);
                        break;
                    case "Alarm":
                        if (ParseAlarm(a, alarms.Count) is { } alarm) alarms.Add(alarm);
                        break;
                    case "NotifyOnFailure":
                        notify = a.String("Topic");
                        _locations.Add("NotifyOnFailure", a.LocationOf("Topic"));
                        break;
                    case "Role":
                        role = role with { RoleArn = a.String("RoleArn"), PermissionsBoundary = a.String("PermissionsBoundary") };
                        _locations.Add("Role.RoleArn", a.LocationOf("RoleArn"));
                        _locations.Add("Role.PermissionsBoundary", a.LocationOf("PermissionsBoundary"));
                        break;
                    case "RolePolicyStatement":
                        if (a.String("Statement") is { } text && ParseJson(text, a, "Statement", "[RolePolicyStatement]") is { } statement)
                        {
                            _locations.Add($"RolePolicyStatement[{statements.Count}]", a.LocationOf("Statement"));
                            statements.Add(statement);
                        }
                        break;
                    case "Logging":
                        logging = ParseLogging(a);
                        break;
                    case "Tracing":
                        tracing = true;
                        _locations.Add("Tracing", a.Location);
                        break;
                    case "InStack":
                        stack = a.String("Stack");
                        _locations.Add("InStack", a.LocationOf("Stack"));
                        break;
                    case "FlowstateTag":
                        if (a.String("Key") is { } key) tags.Add(new TagSpec(key, a.String("Value") ?? ""));
                        break;
                }
            }

            var started = new List<MachineReference>();
            CollectStartedMachines(_machine, started);

            return new MachineDeploymentSpec
            {
                LogicalId = LogicalIds.Of(_machine.Name),
                MachineName = _machineName,
                WorkflowType = _workflowType,
                Stack = stack,
                Schedules = schedules.ToEquatableArray(),
                Triggers = triggers.ToEquatableArray(),
                Alarms = alarms.ToEquatableArray(),
                NotifyOnFailureTopic = notify,
                Role = role with { ExtraStatements = statements.ToEquatableArray() },
                Logging = logging,
                Tracing = tracing,
                Tags = tags.ToEquatableArray(),
                StartedMachines = started.ToEquatableArray(),
                FieldLocations = _locations.ToArray(),
                Location = location,
            };
        }

        private ScheduleSpec? ParseSchedule(AttributeArguments a, int index)
        {
            if (a.String("Expression") is not { } expression) return null;
            var key = $"Schedule[{index}]";
            foreach (var p in new[] { "Expression", "TimeZone", "Input", "FlexibleWindowMinutes", "StartDate", "EndDate", "Name", "UseEventBridgeRule" })
                _locations.Add(key + "." + p, a.LocationOf(p));
            var window = a.Int("FlexibleWindowMinutes");
            if (window is int w && (w < 1 || w > 1440))
                _context.Report(DiagnosticIds.DeploymentValueOutOfRange, a.LocationOf("FlexibleWindowMinutes"), "FlexibleWindowMinutes", "Schedule",
                    w.ToString(System.Globalization.CultureInfo.InvariantCulture), "EventBridge Scheduler accepts 1 to 1440 minutes (leave it unset for an exact start)");
            var name = a.String("Name");
            CheckName(a, "Name", name, "Schedule name");
            return new ScheduleSpec
            {
                Expression = expression,
                TimeZone = a.String("TimeZone"),
                Input = a.String("Input") is { } input ? ParseJson(input, a, "Input", "[Schedule]") : null,
                FlexibleWindowMinutes = window,
                StartDate = a.String("StartDate"),
                EndDate = a.String("EndDate"),
                Enabled = a.Bool("Enabled") ?? true,
                Name = name,
                Description = a.String("Description"),
                UseEventBridgeRule = a.Bool("UseEventBridgeRule") ?? false,
                Location = a.Location,
            };
        }

        private EventTriggerSpec? ParseS3(AttributeArguments a, int index)
        {
            if (a.String("Bucket") is not { } bucket) return null;
            var key = $"Trigger[{index}]";
            _locations.Add(key + ".Bucket", a.LocationOf("Bucket"));
            var objectFilter = new List<JsonProperty>();
            var prefix = a.String("Prefix");
            var suffix = a.String("Suffix");
            // Values of one array are OR-ed by EventBridge, so prefix AND suffix must be one wildcard.
            if (prefix is { Length: > 0 } && suffix is { Length: > 0 })
                objectFilter.Add(new JsonProperty("key", JsonValue.Array(new[] { JsonValue.Object(new[] { new JsonProperty("wildcard", JsonValue.String(EscapeWildcard(prefix) + "*" + EscapeWildcard(suffix))) }) })));
            else if (prefix is { Length: > 0 })
                objectFilter.Add(new JsonProperty("key", JsonValue.Array(new[] { JsonValue.Object(new[] { new JsonProperty("prefix", JsonValue.String(prefix)) }) })));
            else if (suffix is { Length: > 0 })
                objectFilter.Add(new JsonProperty("key", JsonValue.Array(new[] { JsonValue.Object(new[] { new JsonProperty("suffix", JsonValue.String(suffix)) }) })));
            var detail = new List<JsonProperty>
            {
                new("bucket", JsonValue.Object(new[] { new JsonProperty("name", JsonValue.Array(new[] { JsonValue.String(bucket) })) })),
            };
            if (objectFilter.Count > 0) detail.Add(new JsonProperty("object", JsonValue.Object(objectFilter)));
            var pattern = JsonValue.Object(new[]
            {
                new JsonProperty("source", JsonValue.Array(new[] { JsonValue.String("aws.s3") })),
                new JsonProperty("detail-type", JsonValue.Array(new[] { JsonValue.String("Object Created") })),
                new JsonProperty("detail", JsonValue.Object(detail)),
            });
            return new EventTriggerSpec
            {
                Kind = TriggerKind.S3ObjectCreated,
                Pattern = pattern,
                Bucket = bucket,
                Input = ParseInput(a, key),
                Enabled = a.Bool("Enabled") ?? true,
                Location = a.Location,
            };
        }

        private static string EscapeWildcard(string s) => s.Replace("\\", "\\\\").Replace("*", "\\*");

        private EventTriggerSpec? ParseEvent(AttributeArguments a, int index)
        {
            if (a.String("Pattern") is not { } text) return null;
            var key = $"Trigger[{index}]";
            _locations.Add(key + ".Pattern", a.LocationOf("Pattern"));
            if (ParseJson(text, a, "Pattern", "[OnEvent]") is not { } pattern) return null;
            var name = a.String("Name");
            CheckName(a, "Name", name, "Rule name");
            return new EventTriggerSpec
            {
                Kind = TriggerKind.EventPattern,
                Pattern = pattern,
                EventBus = a.String("EventBus"),
                Name = name,
                Description = a.String("Description"),
                Input = ParseInput(a, key),
                Enabled = a.Bool("Enabled") ?? true,
                Location = a.Location,
            };
        }

        private TargetInputSpec ParseInput(AttributeArguments a, string key)
        {
            var given = new List<string>();
            if (a.Has("Input")) given.Add("Input");
            if (a.Has("InputPath")) given.Add("InputPath");
            if (a.Has("InputPathsMap") || a.Has("InputTemplate")) given.Add("InputPathsMap/InputTemplate");
            if (given.Count > 1)
            {
                var second = a.Has("InputPath") && given[0] != "InputPath" ? "InputPath" : a.Has("InputPathsMap") ? "InputPathsMap" : "InputTemplate";
                _context.Report(DiagnosticIds.ConflictingTargetInput, a.LocationOf(second), a.ShortName, string.Join(" and ", given));
            }
            if (a.Has("InputPathsMap") && !a.Has("InputTemplate"))
                _context.Report(DiagnosticIds.IncompleteInputTransformer, a.LocationOf("InputPathsMap"), a.ShortName);
            foreach (var p in new[] { "Input", "InputPath", "InputPathsMap", "InputTemplate" }) _locations.Add(key + "." + p, a.LocationOf(p));
            return new TargetInputSpec
            {
                Input = a.String("Input") is { } input ? ParseJson(input, a, "Input", "[" + a.ShortName + "]") : null,
                InputPath = a.String("InputPath"),
                InputPathsMap = a.String("InputPathsMap") is { } map ? ParseJson(map, a, "InputPathsMap", "[" + a.ShortName + "]") : null,
                InputTemplate = a.String("InputTemplate"),
            };
        }

        private AlarmSpec? ParseAlarm(AttributeArguments a, int index)
        {
            if (AttributeEnums.Spelling(a, "Metric") is not { } metric || a.String("Topic") is not { } topic) return null;
            var key = $"Alarm[{index}]";
            _locations.Add(key + ".Topic", a.LocationOf("Topic"));
            _locations.Add(key + ".Metric", a.LocationOf("Metric"));
            var periods = a.Int("EvaluationPeriods") ?? 1;
            var period = a.Int("PeriodSeconds") ?? 300;
            var threshold = a.Double("Threshold") ?? 1;
            if (periods < 1)
                Range(a, "EvaluationPeriods", periods, "an alarm evaluates at least one period");
            if (!(period == 10 || period == 30 || (period >= 60 && period % 60 == 0)))
                Range(a, "PeriodSeconds", period, "CloudWatch accepts 10, 30, or a multiple of 60 seconds");
            if (double.IsNaN(threshold) || double.IsInfinity(threshold))
                _context.Report(DiagnosticIds.DeploymentValueOutOfRange, a.LocationOf("Threshold"), "Threshold", "Alarm", "not a number", "give a finite number");
            var missing = AttributeEnums.Spelling(a, "TreatMissingData");
            return new AlarmSpec
            {
                Metric = metric,
                Topic = topic,
                Threshold = double.IsNaN(threshold) || double.IsInfinity(threshold) ? JsonValue.Number(1) : JsonValue.Number(threshold),
                EvaluationPeriods = periods,
                PeriodSeconds = period,
                // Not a member (a cast number): CloudWatch's default.
                TreatMissingData = missing is null || IsNumber(missing) ? "notBreaching" : missing,
                NotifyOnOk = a.Bool("NotifyOnOk") ?? false,
                Location = a.Location,
            };
        }

        private static bool IsNumber(string spelling) => spelling.Length > 0 && (char.IsDigit(spelling[0]) || spelling[0] == '-');

        private void Range(AttributeArguments a, string property, int value, string rule)
            => _context.Report(DiagnosticIds.DeploymentValueOutOfRange, a.LocationOf(property), property, a.ShortName,
                value.ToString(System.Globalization.CultureInfo.InvariantCulture), rule);

        private LoggingSpec? ParseLogging(AttributeArguments a)
        {
            if (AttributeEnums.Spelling(a, "Level") is not { } level) return null;
            var retention = a.Int("RetentionDays") ?? 30;
            if (Array.IndexOf(RetentionDays, retention) < 0)
                Range(a, "RetentionDays", retention, "CloudWatch Logs accepts " + string.Join(", ", RetentionDays.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            _locations.Add("Logging", a.Location);
            _locations.Add("Logging.LogGroupArn", a.LocationOf("LogGroupArn"));
            return new LoggingSpec
            {
                Level = IsNumber(level) ? "ERROR" : level, // not a member (a cast number): the default
                IncludeExecutionData = a.Bool("IncludeExecutionData") ?? false,
                LogGroupArn = a.String("LogGroupArn"),
                RetentionDays = retention,
            };
        }

        private void CheckName(AttributeArguments a, string property, string? value, string what)
        {
            if (value is null) return;
            if (!LogicalIds.IsValid(value))
                _context.Report(DiagnosticIds.InvalidDeploymentName, a.LocationOf(property), what, value,
                    "becomes part of a CloudFormation logical id: use letters and digits only");
        }

        /// <summary>[StartExecution(StateMachine = typeof(X))] anywhere among the machine's nested state classes.</summary>
        private void CollectStartedMachines(INamedTypeSymbol type, List<MachineReference> found)
        {
            foreach (var nested in type.GetTypeMembers())
            {
                _ct.ThrowIfCancellationRequested();
                foreach (var attribute in _context.Attributes.Of(nested))
                {
                    if (!string.Equals(FlowstateSymbols.ShortName(attribute.AttributeClass), "StartExecution", StringComparison.Ordinal)) continue;
                    var a = attribute.Args;
                    if (a.Type("StateMachine") is not INamedTypeSymbol target || target.TypeKind == TypeKind.Error) continue;
                    var machineAttribute = target.GetAttributes().FirstOrDefault(t =>
                        string.Equals(FlowstateSymbols.ShortName(t.AttributeClass), "StateMachine", StringComparison.Ordinal));
                    var targetName = target.Name;
                    if (machineAttribute is not null && new AttributeArguments(machineAttribute, false, _ct).String("Name") is { } n) targetName = n;
                    var field = $"StartExecution[{found.Count}]";
                    _locations.Add(field, a.LocationOf("StateMachine"));
                    var logicalId = LogicalIds.Of(target.Name);
                    found.Add(new MachineReference(LogicalIds.MachineArnPlaceholder(target.Name), logicalId, targetName, StateName(nested, a), machineAttribute is not null, field));
                }
                CollectStartedMachines(nested, found);
            }
        }

        private static string StateName(INamedTypeSymbol state, AttributeArguments a) => a.String("Name") ?? state.Name;

        /// <summary>JSON text of a deployment attribute; FLOW0003 on the wrong character when invalid.</summary>
        private JsonValue? ParseJson(string text, AttributeArguments a, string property, string owner)
        {
            var result = JsonReader.Parse(text);
            if (result.Success) return result.Value;
            var (line, column) = new TextLines(text).GetPosition(result.ErrorOffset);
            var where = text.IndexOf('\n') >= 0 ? $" (line {line + 1}, column {column + 1} of the text)" : $" (character {column + 1} of the text)";
            var at = default(SourceRef);
            if (Capture)
            {
                var expression = a.ExpressionOf(property);
                at = expression is null ? a.LocationOf(property) : SourceRefs.From(expression.SyntaxTree, LiteralMap.SpanOf(expression, result.ErrorOffset));
            }
            _context.Report(DiagnosticIds.InvalidJson, at, property, owner, result.Error + where);
            return null;
        }
    }
}
