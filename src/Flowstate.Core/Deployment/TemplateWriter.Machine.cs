using System;
using System.Collections.Generic;
using System.Linq;
using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Core.Deployment;

public static partial class TemplateWriter
{
    /// <summary>The log-delivery actions Step Functions needs to write execution history (CDK and serverless-step-functions grant the same, on "*").</summary>
    internal static readonly string[] LogDeliveryActions =
    {
        "logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:DescribeLogGroups", "logs:DescribeResourcePolicies",
        "logs:GetLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:UpdateLogDelivery",
    };

    /// <summary>The X-Ray actions for tracing (CDK and serverless-step-functions grant the same, on "*").</summary>
    internal static readonly string[] TracingActions = { "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments" };

    /// <summary>The statuses the failure notification reports.</summary>
    internal static readonly string[] FailureStatuses = { "FAILED", "TIMED_OUT", "ABORTED" };

    private sealed partial class Builder
    {
        private void AddMachine(TemplateMachine machine, string id, List<Resource> into)
        {
            // id differs from the declared logical id only after a FLOW7018 collision.
            _currentSite = MachineSite(machine);
            machine = machine with { Deployment = machine.Deployment with { LogicalId = id } };
            var d = machine.Deployment;
            var ownRole = d.Role.RoleArn is null;
            var roleId = ownRole ? Reserve(id + "Role") : null;
            var logGroupId = d.Logging is { Level: not "OFF", LogGroupArn: null } ? Reserve(id + "LogGroup") : null;

            // The definition's placeholders, in order of first use, each with what it stands for.
            var substitutions = new List<JsonProperty>();
            foreach (var name in machine.DefinitionPlaceholders ?? DistinctPlaceholders(machine.Definition))
            {
                // A pseudo parameter (${AWS::Partition}) is substituted like any other placeholder: CloudFormation
                // replaces only the keys of DefinitionSubstitutions in a definition, never by itself.
                if (name.StartsWith("AWS::", StringComparison.Ordinal))
                {
                    substitutions.Add(new JsonProperty(name, Ref(name)));
                    continue;
                }
                var b = Use(name);
                substitutions.Add(new JsonProperty(name, b.Kind == BindingKind.Literal ? S(b.Value) : Ref(b.Value)));
            }

            JsonValue? logging = null;
            if (d.Logging is { } l)
            {
                JsonValue? destinations = null;
                if (l.Level != "OFF")
                {
                    var arn = logGroupId is not null ? GetAtt(logGroupId, "Arn") : Resolve(l.LogGroupArn!);
                    destinations = A(O(("CloudWatchLogsLogGroup", O(("LogGroupArn", arn)))));
                }
                logging = O(("Level", S(l.Level)), ("IncludeExecutionData", B(l.IncludeExecutionData)), ("Destinations", destinations));
            }

            // A definition holding a "Ref" or "Fn::..." key (a payload that happens to use one) would be read
            // by CloudFormation as an intrinsic function inside the Definition object: it goes as text instead.
            var asText = machine.DefinitionHasIntrinsicKey ?? HasIntrinsicKey(machine.Definition);
            if (!asText && machine.DefinitionText is { } text) PreWritten[machine.Definition] = text;
            into.Add(new Resource(id, O(
                ("Type", S("AWS::StepFunctions::StateMachine")),
                // The deploy program finds a machine's logical id by its declared name here (the StateMachineName carries the stage suffix).
                ("Metadata", O(("Flowstate", O(("StateMachineName", S(d.MachineName)))))),
                ("Properties", O(
                    ("StateMachineName", MachineNameValue(d)),
                    ("StateMachineType", S(d.WorkflowType)),
                    ("Definition", asText ? null : machine.Definition),
                    ("DefinitionString", asText ? S(Compact(machine.Definition)) : null),
                    ("DefinitionSubstitutions", substitutions.Count == 0 ? null : JsonValue.Object(substitutions)),
                    ("RoleArn", roleId is not null ? GetAtt(roleId, "Arn") : Resolve(d.Role.RoleArn!)),
                    ("LoggingConfiguration", logging),
                    ("TracingConfiguration", d.Tracing ? O(("Enabled", B(true))) : null),
                    ("Tags", Tags(d)))))));

            if (roleId is not null) into.Add(new Resource(roleId, MachineRole(machine, id)));

            if (logGroupId is not null)
            {
                into.Add(new Resource(logGroupId, O(
                    ("Type", S("AWS::Logs::LogGroup")),
                    ("Properties", O(("RetentionInDays", N(d.Logging!.RetentionDays)), ("Tags", Tags(d)))))));
            }

            AddSchedules(d, into);
            AddTriggers(d, into);
            AddAlarms(d, into);
            AddFailureNotification(d, into);

            _outputs.Add((id + "Arn", O(("Description", S("ARN of state machine " + d.MachineName)), ("Value", Ref(id)))));
            _outputs.Add((id + "Name", O(("Description", S("Name of state machine " + d.MachineName)), ("Value", GetAtt(id, "Name")))));
        }

        /// <summary>
        /// The machine's role: trusted by states.amazonaws.com for this account's machine of this name
        /// only (confused-deputy conditions), with the statements derived from its Tasks, then logging,
        /// tracing and the user's own statements.
        /// </summary>
        private JsonValue MachineRole(TemplateMachine machine, string id)
        {
            var d = machine.Deployment;
            var statements = new List<JsonValue>();
            foreach (var s in machine.TaskStatements)
                statements.Add(Statement(s.Actions.Select(S).ToList(), s.Resources.Select(Resolve).ToList(), s.Condition));
            if (d.Logging is { Level: not "OFF" })
                statements.Add(Statement(LogDeliveryActions.Select(S).ToList(), new List<JsonValue> { S("*") }, null));
            if (d.Tracing)
                statements.Add(Statement(TracingActions.Select(S).ToList(), new List<JsonValue> { S("*") }, null));
            foreach (var extra in d.Role.ExtraStatements) statements.Add(ResolveJson(extra));

            var trust = O(
                ("Effect", S("Allow")),
                ("Principal", O(("Service", S("states.amazonaws.com")))),
                ("Action", S("sts:AssumeRole")),
                ("Condition", O(
                    ("StringEquals", O(("aws:SourceAccount", Ref("AWS::AccountId")))),
                    ("ArnLike", O(("aws:SourceArn", Sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:" + d.MachineName.Replace("${", "${!") + "${" + NameSuffixParameter + "}")))))));

            JsonValue? policies = null;
            if (statements.Count > 0)
            {
                policies = A(O(
                    ("PolicyName", S(id + "Policy")),
                    ("PolicyDocument", O(("Version", S(PolicyVersion)), ("Statement", A(statements))))));
            }
            return O(
                ("Type", S("AWS::IAM::Role")),
                ("Properties", O(
                    ("Description", S("Execution role of state machine " + d.MachineName + " (generated by Flowstate from its Task states)")),
                    ("AssumeRolePolicyDocument", O(("Version", S(PolicyVersion)), ("Statement", A(trust)))),
                    ("PermissionsBoundary", d.Role.PermissionsBoundary is { } pb ? Resolve(pb) : null),
                    ("Policies", policies),
                    ("Tags", Tags(d)))));
        }

        private StackSite _currentSite = new(StackSiteKind.Stack, "");

        /// <summary>The deployed name: the declared name plus the stack's <see cref="NameSuffixParameter"/>.</summary>
        private static JsonValue MachineNameValue(MachineDeploymentSpec d) => Sub(d.MachineName.Replace("${", "${!") + "${" + NameSuffixParameter + "}");

        private static JsonValue Statement(IReadOnlyList<JsonValue> actions, IReadOnlyList<JsonValue> resources, JsonValue? condition)
            => O(("Effect", S("Allow")), ("Action", OneOrMany(actions)), ("Resource", OneOrMany(resources)), ("Condition", condition));

        /// <summary>A role that lets a service (scheduler or events) start this machine, for this account only.</summary>
        private JsonValue StartExecutionRole(MachineDeploymentSpec d, string service, string purpose)
            => O(
                ("Type", S("AWS::IAM::Role")),
                ("Properties", O(
                    ("Description", S("Lets " + purpose + " start state machine " + d.MachineName + " (generated by Flowstate)")),
                    ("AssumeRolePolicyDocument", O(
                        ("Version", S(PolicyVersion)),
                        ("Statement", A(O(
                            ("Effect", S("Allow")),
                            ("Principal", O(("Service", S(service)))),
                            ("Action", S("sts:AssumeRole")),
                            ("Condition", O(("StringEquals", O(("aws:SourceAccount", Ref("AWS::AccountId"))))))))))),
                    ("Policies", A(O(
                        ("PolicyName", S("StartExecution")),
                        ("PolicyDocument", O(
                            ("Version", S(PolicyVersion)),
                            ("Statement", A(Statement(new[] { S("states:StartExecution") }, new[] { Ref(d.LogicalId) }, null)))))))),
                    ("Tags", Tags(d)))));

        private void AddSchedules(MachineDeploymentSpec d, List<Resource> into)
        {
            if (d.Schedules.Count == 0) return;
            string? schedulerRole = null, eventsRole = null;
            var unnamed = 0;
            foreach (var s in d.Schedules)
            {
                var id = s.Name is { } n
                    ? Declare(d.LogicalId + "Schedule" + LogicalIds.Of(n), "schedule '" + n + "' of state machine '" + d.MachineName + "'", _currentSite)
                    : Reserve(d.LogicalId + "Schedule" + (++unnamed == 1 ? "" : Invariant(unnamed)));
                if (s.UseEventBridgeRule)
                {
                    eventsRole ??= ReserveEventsRole(d, into);
                    into.Add(new Resource(id, O(
                        ("Type", S("AWS::Events::Rule")),
                        ("Properties", O(
                            ("Description", Resolve(s.Description ?? "Starts " + d.MachineName + " on " + s.Expression + " (UTC)")),
                            ("ScheduleExpression", S(s.Expression)),
                            ("State", S(s.Enabled ? "ENABLED" : "DISABLED")),
                            ("Targets", A(O(
                                ("Id", S(TargetId(d.LogicalId))),
                                ("Arn", Ref(d.LogicalId)),
                                ("RoleArn", GetAtt(eventsRole, "Arn")),
                                ("Input", s.Input is { } ruleInput ? ResolveText(ruleInput) : null)))))))));
                    continue;
                }
                schedulerRole ??= Reserve(d.LogicalId + "ScheduleRole");
                JsonValue window = s.FlexibleWindowMinutes is int minutes
                    ? O(("Mode", S("FLEXIBLE")), ("MaximumWindowInMinutes", N(minutes)))
                    : O(("Mode", S("OFF")));
                into.Add(new Resource(id, O(
                    ("Type", S("AWS::Scheduler::Schedule")),
                    ("Properties", O(
                        ("Description", Resolve(s.Description ?? "Starts " + d.MachineName + " on " + s.Expression + (s.TimeZone is { } tz ? " (" + tz + ")" : ""))),
                        ("ScheduleExpression", S(s.Expression)),
                        ("ScheduleExpressionTimezone", s.TimeZone is { } zone ? S(zone) : null),
                        ("FlexibleTimeWindow", window),
                        ("StartDate", s.StartDate is { } start ? S(start) : null),
                        ("EndDate", s.EndDate is { } end ? S(end) : null),
                        ("State", S(s.Enabled ? "ENABLED" : "DISABLED")),
                        ("Target", O(
                            ("Arn", Ref(d.LogicalId)),
                            ("RoleArn", GetAtt(schedulerRole, "Arn")),
                            ("Input", s.Input is { } input ? ResolveText(input) : null))))))));
            }
            if (schedulerRole is not null) into.Add(new Resource(schedulerRole, StartExecutionRole(d, "scheduler.amazonaws.com", "EventBridge Scheduler")));
        }

        private string? _pendingEventsRole;

        /// <summary>The machine's events role id; the resource is added after the rules (see AddTriggers).</summary>
        private string ReserveEventsRole(MachineDeploymentSpec d, List<Resource> into)
        {
            if (_pendingEventsRole is null)
            {
                _pendingEventsRole = Reserve(d.LogicalId + "EventsRole");
                into.Add(new Resource(_pendingEventsRole, StartExecutionRole(d, "events.amazonaws.com", "EventBridge rules")));
            }
            return _pendingEventsRole;
        }

        private static string TargetId(string logicalId) => logicalId.Length <= 64 ? logicalId : logicalId.Substring(0, 64);

        private void AddTriggers(MachineDeploymentSpec d, List<Resource> into)
        {
            var s3 = 0;
            var events = 0;
            foreach (var t in d.Triggers)
            {
                string id;
                if (t.Kind == TriggerKind.S3ObjectCreated)
                    id = Reserve(d.LogicalId + "S3Trigger" + (++s3 == 1 ? "" : Invariant(s3)));
                else
                    id = t.Name is { } n
                        ? Declare(d.LogicalId + LogicalIds.Of(n) + "Rule", "rule '" + n + "' of state machine '" + d.MachineName + "'", _currentSite)
                        : Reserve(d.LogicalId + "EventRule" + (++events == 1 ? "" : Invariant(events)));
                var role = ReserveEventsRole(d, into);
                var description = t.Description ?? (t.Kind == TriggerKind.S3ObjectCreated
                    ? "Starts " + d.MachineName + " when an object is created in bucket " + t.Bucket
                    : "Starts " + d.MachineName + " on matching events");
                into.Add(new Resource(id, O(
                    ("Type", S("AWS::Events::Rule")),
                    ("Properties", O(
                        ("Description", Resolve(description)),
                        ("EventBusName", t.EventBus is { } bus ? Resolve(bus) : null),
                        ("EventPattern", ResolveJson(t.Pattern)),
                        ("State", S(t.Enabled ? "ENABLED" : "DISABLED")),
                        ("Targets", A(TargetWithInput(O(
                            ("Id", S(TargetId(d.LogicalId))),
                            ("Arn", Ref(d.LogicalId)),
                            ("RoleArn", GetAtt(role, "Arn"))), t.Input))))))));
            }
            _pendingEventsRole = null;
        }

        private JsonValue TargetWithInput(JsonValue target, TargetInputSpec input)
        {
            var members = target.Properties.ToList();
            if (input.Input is { } i) members.Add(new JsonProperty("Input", ResolveText(i)));
            else if (input.InputPath is { } p) members.Add(new JsonProperty("InputPath", S(p)));
            else if (input.InputTemplate is { } template)
            {
                members.Add(new JsonProperty("InputTransformer", O(
                    ("InputPathsMap", input.InputPathsMap),
                    ("InputTemplate", Resolve(template)))));
            }
            return JsonValue.Object(members);
        }

        /// <summary>The topic's ARN as a template value (created: Ref; existing: the ARN; parameter: Ref of the parameter); null when not declared.</summary>
        private JsonValue? TopicArn(string topicName)
        {
            var topic = _assembly.Topics.FirstOrDefault(t => string.Equals(t.Name, topicName, StringComparison.Ordinal));
            if (topic is null) return null;
            var b = Use(topic.ArnPlaceholder);
            return b.Kind == BindingKind.Literal ? S(b.Value) : Ref(b.Value);
        }

        private void AddAlarms(MachineDeploymentSpec d, List<Resource> into)
        {
            foreach (var alarm in d.Alarms)
            {
                // An undeclared topic is FLOW7001; the alarm is left out rather than written without its action.
                if (TopicArn(alarm.Topic) is not { } topic) continue;
                var id = Reserve(d.LogicalId + alarm.Metric + "Alarm");
                into.Add(new Resource(id, O(
                    ("Type", S("AWS::CloudWatch::Alarm")),
                    ("Properties", O(
                        ("AlarmDescription", S(d.MachineName + ": " + alarm.Metric + " >= " + alarm.Threshold.Text + " in " + Invariant(alarm.EvaluationPeriods) + " period(s) of " + Invariant(alarm.PeriodSeconds) + " s")),
                        ("Namespace", S("AWS/States")),
                        ("MetricName", S(alarm.Metric)),
                        ("Dimensions", A(O(("Name", S("StateMachineArn")), ("Value", Ref(d.LogicalId))))),
                        ("Statistic", S("Sum")),
                        ("Period", N(alarm.PeriodSeconds)),
                        ("EvaluationPeriods", N(alarm.EvaluationPeriods)),
                        ("Threshold", alarm.Threshold),
                        ("ComparisonOperator", S("GreaterThanOrEqualToThreshold")),
                        ("TreatMissingData", S(alarm.TreatMissingData)),
                        ("AlarmActions", A(topic)),
                        ("OKActions", alarm.NotifyOnOk ? A(topic) : null))))));
            }
        }

        /// <summary>
        /// The per-execution failure alert: an EventBridge rule on this machine's "Step Functions
        /// Execution Status Change" events with a failing status, publishing one readable line to the topic.
        /// </summary>
        private void AddFailureNotification(MachineDeploymentSpec d, List<Resource> into)
        {
            if (d.NotifyOnFailureTopic is not { } topicName || TopicArn(topicName) is not { } topic) return;
            var id = Reserve(d.LogicalId + "FailureNotification");
            var message = "\"Step Functions state machine " + d.MachineName + ": execution <execution> ended <status> at <stopped>. "
                + "Error: <error>. Cause: <cause>. Console: https://<region>.console.aws.amazon.com/states/home?region=<region>#/v2/executions/details/<executionArn>\"";
            into.Add(new Resource(id, O(
                ("Type", S("AWS::Events::Rule")),
                ("Properties", O(
                    ("Description", S("Notifies topic " + topicName + " when an execution of " + d.MachineName + " fails, times out or is aborted")),
                    ("EventPattern", O(
                        ("source", A(S("aws.states"))),
                        ("detail-type", A(S("Step Functions Execution Status Change"))),
                        ("detail", O(
                            ("status", A(FailureStatuses.Select(S))),
                            ("stateMachineArn", A(Ref(d.LogicalId))))))),
                    ("State", S("ENABLED")),
                    ("Targets", A(O(
                        ("Id", S(TargetId(LogicalIds.Of(topicName)))),
                        ("Arn", topic),
                        ("InputTransformer", O(
                            ("InputPathsMap", O(
                                ("cause", S("$.detail.cause")),
                                ("error", S("$.detail.error")),
                                ("execution", S("$.detail.name")),
                                ("executionArn", S("$.detail.executionArn")),
                                ("region", S("$.region")),
                                ("status", S("$.detail.status")),
                                ("stopped", S("$.time")))),
                            ("InputTemplate", S(message))))))))))));
        }
    }
}
