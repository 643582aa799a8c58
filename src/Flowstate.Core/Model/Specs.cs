using Flowstate.Core.Json;

namespace Flowstate.Core.Model;

// The one model of a state machine. Parsing (C# attributes -> Spec), the ASL reader (JSON -> Spec),
// the ASL writer (Spec -> JSON), the importer (Spec -> C#), the graph writer and the validation
// rules all work on these records and nothing else.
//
// Design rules:
// * The model mirrors ASL field for field. Every field is optional: a definition that is wrong
//   (Next on a Succeed, End and Next together, a missing StartAt) is still representable, so the
//   importer never repairs and the validators see what was written.
// * Values whose ASL type varies (numbers that JSONata may replace by "{% %}" strings, paths that
//   may be null) are JsonValue; plain names are strings.
// * A field that is present with an unexpected JSON type, or a field ASL does not define, goes to
//   Extras verbatim, in order. Nothing read is ever dropped.
// * Values compare by value (records + EquatableArray + JsonValue): the incremental generator
//   caches on them. No Roslyn symbol, syntax node or Location is ever stored; positions are SourceRef.
// * Locations are captured only for analyzers and the CLI (the generator leaves them default).

/// <summary>A field kept verbatim: an ASL field Flowstate does not model, or one with an unexpected type.</summary>
public sealed record ExtraField(string Name, JsonValue Value);

/// <summary>The C# class a state machine was declared on (absent when read from ASL).</summary>
public sealed record TypeIdentity(
    string? Namespace,
    EquatableArray<ContainingTypeInfo> ContainingTypes,
    string Name,
    string FullyQualifiedName,
    bool IsPartial)
{
    /// <summary>The declaration keyword the generated partial must repeat: "class" or "record".</summary>
    public string Keyword { get; init; } = "class";
}

/// <summary>A type enclosing the state machine class: "class Outer" or "partial record struct X".</summary>
public sealed record ContainingTypeInfo(string Keyword, string Name, bool IsPartial);

public sealed record StateMachineSpec
{
    /// <summary>The state machine's name (from [StateMachine(Name)] or the class; from the file name when imported).</summary>
    public required string Name { get; init; }

    /// <summary>STANDARD or EXPRESS (a property of the deployed resource, not of the ASL).</summary>
    public string WorkflowType { get; init; } = "STANDARD";

    public TypeIdentity? Type { get; init; }

    public string? Comment { get; init; }
    public JsonValue? TimeoutSeconds { get; init; }
    public string? QueryLanguage { get; init; }
    public string? Version { get; init; }

    /// <summary>StartAt and States of the top level.</summary>
    public required ScopeSpec Root { get; init; }

    public EquatableArray<ExtraField> Extras { get; init; }

    public SourceRef Location { get; init; }
    public EquatableArray<FieldLocation> FieldLocations { get; init; }
}

/// <summary>
/// A set of states with a StartAt: the top level, a Parallel branch, or a Map's item processor.
/// Transitions may only target states of the same scope.
/// </summary>
public sealed record ScopeSpec
{
    public string? StartAt { get; init; }
    public EquatableArray<StateSpec> States { get; init; }

    /// <summary>
    /// False when the scope has no "States" object (absent, or not an object, which then sits in
    /// Extras): malformed input the writer must not repair by adding "States": {}.
    /// </summary>
    public bool HasStates { get; init; } = true;

    /// <summary>Branch or processor comment.</summary>
    public string? Comment { get; init; }

    /// <summary>Map processors only: ProcessorConfig as written.</summary>
    public JsonValue? ProcessorConfig { get; init; }

    public EquatableArray<ExtraField> Extras { get; init; }

    public SourceRef Location { get; init; }
    public EquatableArray<FieldLocation> FieldLocations { get; init; }
}

public sealed record StateSpec
{
    public required string Name { get; init; }

    /// <summary>For a States entry that is not a JSON object (malformed input): its value. All other fields are then empty.</summary>
    public JsonValue? Raw { get; init; }

    /// <summary>ASL Type as written: Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map.</summary>
    public string? Type { get; init; }

    public string? Comment { get; init; }
    public string? QueryLanguage { get; init; }

    // Transitions
    public string? Next { get; init; }
    public bool? End { get; init; }

    // Input and output processing
    public JsonValue? InputPath { get; init; }
    public JsonValue? OutputPath { get; init; }
    public JsonValue? ResultPath { get; init; }
    public JsonValue? Parameters { get; init; }
    public JsonValue? ResultSelector { get; init; }
    public JsonValue? Arguments { get; init; }
    public JsonValue? Output { get; init; }
    public JsonValue? Assign { get; init; }
    public JsonValue? Result { get; init; }

    // Task
    public string? Resource { get; init; }
    public JsonValue? TimeoutSeconds { get; init; }
    public string? TimeoutSecondsPath { get; init; }
    public JsonValue? HeartbeatSeconds { get; init; }
    public string? HeartbeatSecondsPath { get; init; }
    public JsonValue? Credentials { get; init; }

    // Task, Parallel, Map. Null means absent; empty means "Retry": [].
    public EquatableArray<RetrySpec>? Retry { get; init; }
    public EquatableArray<CatchSpec>? Catch { get; init; }

    // Choice
    public EquatableArray<ChoiceRuleSpec>? Choices { get; init; }
    public string? Default { get; init; }

    // Wait
    public JsonValue? Seconds { get; init; }
    public string? SecondsPath { get; init; }
    public JsonValue? Timestamp { get; init; }
    public string? TimestampPath { get; init; }

    // Fail
    public string? Error { get; init; }
    public string? ErrorPath { get; init; }
    public string? Cause { get; init; }
    public string? CausePath { get; init; }

    // Parallel
    public EquatableArray<ScopeSpec>? Branches { get; init; }

    // Map
    public ScopeSpec? Processor { get; init; }
    /// <summary>True when the processor is written as the legacy "Iterator" field rather than "ItemProcessor".</summary>
    public bool ProcessorIsIterator { get; init; }
    public string? ItemsPath { get; init; }
    public JsonValue? Items { get; init; }
    public JsonValue? ItemSelector { get; init; }
    public JsonValue? ItemReader { get; init; }
    public JsonValue? ItemBatcher { get; init; }
    public JsonValue? ResultWriter { get; init; }
    public JsonValue? MaxConcurrency { get; init; }
    public string? MaxConcurrencyPath { get; init; }
    public JsonValue? ToleratedFailureCount { get; init; }
    public string? ToleratedFailureCountPath { get; init; }
    public JsonValue? ToleratedFailurePercentage { get; init; }
    public string? ToleratedFailurePercentagePath { get; init; }
    public string? Label { get; init; }

    public EquatableArray<ExtraField> Extras { get; init; }

    /// <summary>The typed integration a Task was declared with (C# only), e.g. "LambdaInvoke"; null for [Task].</summary>
    public string? Integration { get; init; }

    public SourceRef Location { get; init; }
    public EquatableArray<FieldLocation> FieldLocations { get; init; }
}

public sealed record RetrySpec
{
    public EquatableArray<string>? ErrorEquals { get; init; }
    public JsonValue? IntervalSeconds { get; init; }
    public JsonValue? MaxAttempts { get; init; }
    public JsonValue? BackoffRate { get; init; }
    public JsonValue? MaxDelaySeconds { get; init; }
    public string? JitterStrategy { get; init; }
    public string? Comment { get; init; }
    public EquatableArray<ExtraField> Extras { get; init; }
    public SourceRef Location { get; init; }
    public EquatableArray<FieldLocation> FieldLocations { get; init; }
}

public sealed record CatchSpec
{
    public EquatableArray<string>? ErrorEquals { get; init; }
    public string? Next { get; init; }
    public JsonValue? ResultPath { get; init; }
    public JsonValue? Output { get; init; }
    public JsonValue? Assign { get; init; }
    public string? Comment { get; init; }
    public EquatableArray<ExtraField> Extras { get; init; }
    public SourceRef Location { get; init; }
    public EquatableArray<FieldLocation> FieldLocations { get; init; }
}

/// <summary>
/// A Choice rule. A top-level rule has Next; nested rules (inside And/Or/Not) do not. A leaf is
/// Variable + one comparison Operator (StringEquals, NumericLessThanPath, IsPresent, ...) +
/// Operand; a combinator is And, Or or Not; a JSONata rule is Condition.
/// </summary>
public sealed record ChoiceRuleSpec
{
    public string? Variable { get; init; }
    public string? Operator { get; init; }
    public JsonValue? Operand { get; init; }
    public EquatableArray<ChoiceRuleSpec>? And { get; init; }
    public EquatableArray<ChoiceRuleSpec>? Or { get; init; }
    public ChoiceRuleSpec? Not { get; init; }
    public JsonValue? Condition { get; init; }
    public string? Next { get; init; }
    public string? Comment { get; init; }
    public JsonValue? Assign { get; init; }
    public JsonValue? Output { get; init; }
    public EquatableArray<ExtraField> Extras { get; init; }
    public SourceRef Location { get; init; }
    public EquatableArray<FieldLocation> FieldLocations { get; init; }
}

/// <summary>A problem found while building the model, value-equatable (unlike Roslyn's Diagnostic).</summary>
public sealed record DiagnosticInfo(string Id, SourceRef Location, EquatableArray<string> MessageArgs);
