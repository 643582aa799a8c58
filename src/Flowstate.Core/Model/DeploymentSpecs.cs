using Flowstate.Core.Json;

namespace Flowstate.Core.Model;

// The deployment model: what surrounds a state machine in a CloudFormation stack. Same rules as
// Specs.cs: records, EquatableArray, JsonValue, no Roslyn objects, so the generator caches on it.
// The per-machine part (MachineDeploymentSpec) is parsed from the attributes on the [StateMachine]
// class; the assembly part (AssemblyDeploymentSpec) from [assembly: Flowstate*] attributes.
// TemplateWriter (Deployment/) turns both, with each machine's ASL, into one template per stack.

/// <summary>Everything about one machine's deployment, as declared on its class.</summary>
public sealed record MachineDeploymentSpec
{
    /// <summary>The machine's CloudFormation logical id: its class name (letters and digits only).</summary>
    public required string LogicalId { get; init; }

    /// <summary>The state machine's name ([StateMachine(Name)]).</summary>
    public required string MachineName { get; init; }

    /// <summary>STANDARD or EXPRESS.</summary>
    public string WorkflowType { get; init; } = "STANDARD";

    /// <summary>[InStack] name; null = the assembly's default stack.</summary>
    public string? Stack { get; init; }

    public EquatableArray<ScheduleSpec> Schedules { get; init; }
    public EquatableArray<EventTriggerSpec> Triggers { get; init; }
    public EquatableArray<AlarmSpec> Alarms { get; init; }

    /// <summary>[NotifyOnFailure] topic name; null when not declared.</summary>
    public string? NotifyOnFailureTopic { get; init; }

    public RoleSpec Role { get; init; } = new();
    public LoggingSpec? Logging { get; init; }
    public bool Tracing { get; init; }
    public EquatableArray<TagSpec> Tags { get; init; }

    /// <summary>
    /// Machines of this assembly started by type ([StartExecution(StateMachine = typeof(X))]): the
    /// placeholder written into the definition and the target's logical id.
    /// </summary>
    public EquatableArray<MachineReference> StartedMachines { get; init; }

    /// <summary>Positions (analyzers only): "Schedule[0].Expression", "Alarm[1].Topic", "NotifyOnFailure", "InStack", ...</summary>
    public EquatableArray<FieldLocation> FieldLocations { get; init; }

    public SourceRef Location { get; init; }

    /// <summary>The position recorded for <paramref name="field"/>, else the [StateMachine] attribute's.</summary>
    public SourceRef LocationOf(string field)
    {
        foreach (var l in FieldLocations)
            if (string.Equals(l.Field, field, System.StringComparison.Ordinal)) return l.Location;
        return Location;
    }
}

/// <summary>
/// A machine referenced by type from a Task ([StartExecution(StateMachine = typeof(X))]):
/// <c>${Placeholder}</c> in the definition is the ARN of <c>LogicalId</c>. IsStateMachine is false
/// when the type carries no [StateMachine] (FLOW7011). Field: the FieldLocations key of the argument.
/// </summary>
public sealed record MachineReference(string Placeholder, string LogicalId, string MachineName, string StateName, bool IsStateMachine, string Field);

/// <summary>One [Schedule].</summary>
public sealed record ScheduleSpec
{
    public required string Expression { get; init; }
    public string? TimeZone { get; init; }
    public JsonValue? Input { get; init; }
    public int? FlexibleWindowMinutes { get; init; }
    public string? StartDate { get; init; }
    public string? EndDate { get; init; }
    public bool Enabled { get; init; } = true;
    public string? Name { get; init; }
    public string? Description { get; init; }
    public bool UseEventBridgeRule { get; init; }
    public SourceRef Location { get; init; }
}

/// <summary>How an EventBridge target passes the event to the execution: at most one of the three forms.</summary>
public sealed record TargetInputSpec
{
    public JsonValue? Input { get; init; }
    public string? InputPath { get; init; }
    public JsonValue? InputPathsMap { get; init; }
    public string? InputTemplate { get; init; }

    public bool IsEmpty => Input is null && InputPath is null && InputPathsMap is null && InputTemplate is null;
}

public enum TriggerKind
{
    /// <summary>[OnS3ObjectCreated]: the pattern is built from Bucket/Prefix/Suffix.</summary>
    S3ObjectCreated,
    /// <summary>[OnEvent]: the pattern as written.</summary>
    EventPattern,
}

/// <summary>One [OnS3ObjectCreated] or [OnEvent].</summary>
public sealed record EventTriggerSpec
{
    public required TriggerKind Kind { get; init; }

    /// <summary>The event pattern: as written for [OnEvent]; built for S3 (placeholders still as ${Name} strings).</summary>
    public required JsonValue Pattern { get; init; }

    public string? Bucket { get; init; }
    public string? EventBus { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public TargetInputSpec Input { get; init; } = new();
    public bool Enabled { get; init; } = true;
    public SourceRef Location { get; init; }
}

/// <summary>One [Alarm]; Metric is the CloudWatch metric name (ExecutionsFailed, ..., ExecutionThrottled).</summary>
public sealed record AlarmSpec
{
    public required string Metric { get; init; }
    public required string Topic { get; init; }
    public JsonValue Threshold { get; init; } = JsonValue.Number(1);
    public int EvaluationPeriods { get; init; } = 1;
    public int PeriodSeconds { get; init; } = 300;

    /// <summary>CloudWatch's spelling: notBreaching, breaching, ignore, missing.</summary>
    public string TreatMissingData { get; init; } = "notBreaching";

    public bool NotifyOnOk { get; init; }
    public SourceRef Location { get; init; }
}

/// <summary>The machine's role: derived (default), bounded, extended, or brought by the user.</summary>
public sealed record RoleSpec
{
    public string? RoleArn { get; init; }
    public string? PermissionsBoundary { get; init; }

    /// <summary>[RolePolicyStatement] JSON objects, in order.</summary>
    public EquatableArray<JsonValue> ExtraStatements { get; init; }
}

public sealed record LoggingSpec
{
    /// <summary>ALL, ERROR, FATAL or OFF.</summary>
    public required string Level { get; init; }
    public bool IncludeExecutionData { get; init; }
    public string? LogGroupArn { get; init; }
    public int RetentionDays { get; init; } = 30;
}

public sealed record TagSpec(string Key, string Value);

/// <summary>What [assembly: Flowstate*] attributes declare, plus the assembly's name.</summary>
public sealed record AssemblyDeploymentSpec
{
    public string AssemblyName { get; init; } = "";
    public EquatableArray<StackDeclaration> Stacks { get; init; }
    public EquatableArray<ParameterSpec> Parameters { get; init; }
    public EquatableArray<TopicSpec> Topics { get; init; }
    public EquatableArray<BucketSpec> Buckets { get; init; }
    public EquatableArray<TagSpec> Tags { get; init; }

    /// <summary>True when the assembly declares [assembly: FlowstateParameter]: placeholders must then be declared.</summary>
    public bool DeclaresParameters => Parameters.Count > 0;
}

public sealed record StackDeclaration(string Name, string? Description);

public sealed record ParameterSpec(string Name, string? Description, string? Default, string? AllowedPattern);

/// <summary>[assembly: FlowstateTopic]: created (Arn null, not FromParameter), existing (Arn), or a parameter (&lt;Name&gt;Arn).</summary>
public sealed record TopicSpec(string Name, string? Arn, bool FromParameter, string? DisplayName)
{
    /// <summary>The placeholder that stands for the topic's ARN in definitions.</summary>
    public string ArnPlaceholder => Name + "Arn";
}

public sealed record BucketSpec(string Name);

/// <summary>
/// One Allow statement of a machine's role. Resources are "*" or ARNs in CloudFormation Fn::Sub
/// syntax (${AWS::Partition}, ${AWS::Region}, ${AWS::AccountId}, and definition placeholders ${Name}
/// kept as written; the template writer maps each placeholder to what it stands for).
/// </summary>
public sealed record IamStatementSpec(EquatableArray<string> Actions, EquatableArray<string> Resources, JsonValue? Condition = null);
