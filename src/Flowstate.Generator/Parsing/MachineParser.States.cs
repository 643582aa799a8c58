using System;
using System.Collections.Generic;
using System.Linq;
using Flowstate.Core.Asl;
using Flowstate.Core.Conditions;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using Microsoft.CodeAnalysis;

namespace Flowstate.Generator.Parsing;

// States: every property is read by name from whatever state attribute carries it. A property an
// attribute does not declare is simply never set, so one reader serves all eight state types.
internal sealed partial class MachineParser
{
    private static string TypeName(StateKind kind) => kind switch
    {
        StateKind.Task => AslVocabulary.StateTypes.Task,
        StateKind.Pass => AslVocabulary.StateTypes.Pass,
        StateKind.Wait => AslVocabulary.StateTypes.Wait,
        StateKind.Succeed => AslVocabulary.StateTypes.Succeed,
        StateKind.Fail => AslVocabulary.StateTypes.Fail,
        StateKind.Choice => AslVocabulary.StateTypes.Choice,
        StateKind.Parallel => AslVocabulary.StateTypes.Parallel,
        _ => AslVocabulary.StateTypes.Map,
    };

    private StateSpec BuildState(StateNode node)
    {
        var a = node.Args;
        var owner = $"state '{node.Name}'";
        var loc = new FieldLocations(Capture);
        ReportSetTwice(a, owner);
        // The attribute's name stands for ASL Type; a Name argument is where the state's name was written.
        loc.Add("Type", a.NameLocation);
        if (a.String("Name") is not null) loc.Add(Flowstate.Core.Validation.ValidationContext.NameKey, a.LocationOf("Name"));

        var queryLanguage = EnumString(a, "QueryLanguage", loc, "QueryLanguage");
        var isJsonata = string.Equals(queryLanguage ?? _machineQueryLanguage, "JSONata", StringComparison.Ordinal);

        var s = new StateSpec
        {
            Name = node.Name,
            Type = TypeName(node.Kind),
            Location = a.Location,
            Comment = String(a, "Comment", loc, "Comment"),
            QueryLanguage = queryLanguage,
        };

        // Kind-specific fields first: a typed integration computes Resource and its payload.
        if (node.Kind == StateKind.Task) s = BuildTask(s, a, owner, isJsonata, loc);
        else
        {
            s = s with
            {
                Parameters = Json(a, "Parameters", owner, loc, "Parameters"),
                Arguments = Json(a, "Arguments", owner, loc, "Arguments"),
            };
        }

        s = s with
        {
            // Choice
            Default = Transition(a, "Default", "DefaultName", owner, loc, "Default"),
            // Wait
            Seconds = IntNumber(a, "Seconds", loc, "Seconds"),
            SecondsPath = String(a, "SecondsPath", loc, "SecondsPath"),
            Timestamp = PathValue(a, "Timestamp", loc, "Timestamp"),
            TimestampPath = String(a, "TimestampPath", loc, "TimestampPath"),
            // Fail
            Error = String(a, "Error", loc, "Error"),
            ErrorPath = String(a, "ErrorPath", loc, "ErrorPath"),
            Cause = String(a, "Cause", loc, "Cause"),
            CausePath = String(a, "CausePath", loc, "CausePath"),
            // Map
            ItemsPath = String(a, "ItemsPath", loc, "ItemsPath"),
            Items = Json(a, "Items", owner, loc, "Items"),
            ItemReader = Json(a, "ItemReader", owner, loc, "ItemReader"),
            ItemSelector = Json(a, "ItemSelector", owner, loc, "ItemSelector"),
            ItemBatcher = Json(a, "ItemBatcher", owner, loc, "ItemBatcher"),
            MaxConcurrency = IntNumber(a, "MaxConcurrency", loc, "MaxConcurrency"),
            MaxConcurrencyPath = String(a, "MaxConcurrencyPath", loc, "MaxConcurrencyPath"),
            ToleratedFailureCount = IntNumber(a, "ToleratedFailureCount", loc, "ToleratedFailureCount"),
            ToleratedFailureCountPath = String(a, "ToleratedFailureCountPath", loc, "ToleratedFailureCountPath"),
            ToleratedFailurePercentage = DoubleNumber(a, "ToleratedFailurePercentage", owner, loc, "ToleratedFailurePercentage"),
            ToleratedFailurePercentagePath = String(a, "ToleratedFailurePercentagePath", loc, "ToleratedFailurePercentagePath"),
            Label = String(a, "Label", loc, "Label"),
            ResultWriter = Json(a, "ResultWriter", owner, loc, "ResultWriter"),
            // Input and output processing
            InputPath = PathValue(a, "InputPath", loc, "InputPath"),
            Result = Json(a, "Result", owner, loc, "Result"),
            ResultSelector = Json(a, "ResultSelector", owner, loc, "ResultSelector"),
            ResultPath = PathValue(a, "ResultPath", loc, "ResultPath"),
            OutputPath = PathValue(a, "OutputPath", loc, "OutputPath"),
            Output = Json(a, "Output", owner, loc, "Output"),
            Assign = Json(a, "Assign", owner, loc, "Assign"),
            // Task
            TimeoutSeconds = IntNumber(a, "TimeoutSeconds", loc, "TimeoutSeconds"),
            TimeoutSecondsPath = String(a, "TimeoutSecondsPath", loc, "TimeoutSecondsPath"),
            HeartbeatSeconds = IntNumber(a, "HeartbeatSeconds", loc, "HeartbeatSeconds"),
            HeartbeatSecondsPath = String(a, "HeartbeatSecondsPath", loc, "HeartbeatSecondsPath"),
            Credentials = Json(a, "Credentials", owner, loc, "Credentials"),
        };

        if (node.Kind == StateKind.Choice || node.Info.When.Count > 0)
            s = s with { Choices = Choices(node, loc) };
        if (node.Kind == StateKind.Parallel)
            s = s with { Branches = Branches(node) };
        if (node.Kind == StateKind.Map)
            s = BuildMapProcessor(s, node, owner, loc);

        if (node.Info.Retry.Count > 0) s = s with { Retry = Retriers(node, loc) };
        if (node.Info.Catch.Count > 0) s = s with { Catch = Catchers(node, loc) };

        s = s with
        {
            Next = Transition(a, "Next", "NextName", owner, loc, "Next"),
            End = Bool(a, "End", loc, "End"),
            Extras = Extras(node.Info.AslField, owner, loc, ""),
        };
        return s with { FieldLocations = loc.ToArray() };
    }

    private StateSpec BuildMapProcessor(StateSpec s, StateNode node, string owner, FieldLocations loc)
    {
        var a = node.Args;
        var config = new List<JsonProperty>(2);
        var configAt = default(SourceRef);
        if (EnumString(a, "Mode", loc, "ProcessorConfig.Mode") is { } mode)
        {
            config.Add(new JsonProperty("Mode", JsonValue.String(mode)));
            configAt = a.LocationOf("Mode");
        }
        if (EnumString(a, "ExecutionType", loc, "ProcessorConfig.ExecutionType") is { } executionType)
        {
            config.Add(new JsonProperty("ExecutionType", JsonValue.String(executionType)));
            if (!configAt.IsKnown) configAt = a.LocationOf("ExecutionType");
        }

        var processorOwner = $"the item processor of Map state '{node.Name}'";
        var processor = BuildScope(node.Processor!, processorOwner, null, a.Location);
        if (config.Count > 0)
        {
            processor = processor with { ProcessorConfig = JsonValue.Object(config) };
            if (Capture && configAt.IsKnown)
                processor = processor with { FieldLocations = processor.FieldLocations.Append(new FieldLocation("ProcessorConfig", configAt)).ToEquatableArray() };
        }
        return s with
        {
            Processor = processor,
            ProcessorIsIterator = Bool(a, "UseIterator", loc, "Iterator") ?? false,
        };
    }

    private EquatableArray<ScopeSpec> Branches(StateNode node)
    {
        var branches = new List<ScopeSpec>(node.Branches.Count);
        for (var i = 0; i < node.Branches.Count; i++)
        {
            var branch = node.Branches[i];
            var args = Args(branch.Info.Branch!);
            branches.Add(BuildScope(branch, $"branch '{branch.Info.Symbol.Name}' of Parallel state '{node.Name}'", args, args.Location));
        }
        return branches.ToEquatableArray();
    }

    // ---- Task -----------------------------------------------------------------------------------

    private StateSpec BuildTask(StateSpec s, AttributeArguments a, string owner, bool isJsonata, FieldLocations loc)
    {
        var name = a.ShortName;
        if (string.Equals(name, "Task", StringComparison.Ordinal))
        {
            return s with
            {
                Resource = String(a, "Resource", loc, "Resource"),
                Parameters = Json(a, "Parameters", owner, loc, "Parameters"),
                Arguments = Json(a, "Arguments", owner, loc, "Arguments"),
            };
        }

        if (string.Equals(name, IntegrationCatalog.ActivityAttributeName, StringComparison.Ordinal))
        {
            return s with
            {
                Integration = name,
                Resource = String(a, "ActivityArn", loc, "Resource"),
                Parameters = Json(a, "Parameters", owner, loc, "Parameters"),
                Arguments = Json(a, "Arguments", owner, loc, "Arguments"),
            };
        }

        if (string.Equals(name, IntegrationCatalog.AwsSdkAttributeName, StringComparison.Ordinal))
        {
            var pattern = Pattern(a, s.Name, IntegrationCatalog.AwsSdkPatterns, loc);
            loc.Add("Resource", a.LocationOfAll("Service"));
            return s with
            {
                Integration = name,
                Resource = IntegrationCatalog.ServiceArnPrefix + "aws-sdk:" + (a.String("Service") ?? "") + ":" + (a.String("Action") ?? "") + IntegrationCatalog.Suffix(pattern),
                Parameters = Json(a, "Parameters", owner, loc, "Parameters"),
                Arguments = Json(a, "Arguments", owner, loc, "Arguments"),
            };
        }

        var info = IntegrationCatalog.FindByAttribute(name);
        if (info is null)
        {
            // A Task attribute the catalog does not know (a user-derived TaskStateAttribute): keep what it says.
            return s with
            {
                Parameters = Json(a, "Parameters", owner, loc, "Parameters"),
                Arguments = Json(a, "Arguments", owner, loc, "Arguments"),
            };
        }

        var typedPattern = Pattern(a, s.Name, info.Patterns, loc);
        loc.Add("Resource", a.NameLocation);
        s = s with
        {
            Integration = info.AttributeName,
            Resource = IntegrationCatalog.ServiceArnPrefix + info.ResourceBase + IntegrationCatalog.Suffix(typedPattern),
        };

        var payloadField = isJsonata ? "Arguments" : "Parameters";
        var otherField = isJsonata ? "Parameters" : "Arguments";
        var payload = IntegrationPayload(info, a, owner, payloadField, loc);
        var other = Json(a, otherField, owner, loc, otherField);
        return isJsonata
            ? s with { Arguments = payload, Parameters = other }
            : s with { Parameters = payload, Arguments = other };
    }

    /// <summary>The integration pattern (RequestResponse when unset); FLOW0009 when the integration does not offer it.</summary>
    private string Pattern(AttributeArguments a, string stateName, EquatableArray<string> supported, FieldLocations loc)
    {
        var pattern = EnumString(a, "Integration", loc, "Resource.IntegrationPattern") ?? IntegrationCatalog.RequestResponse;
        if (!supported.Contains(pattern, StringComparer.Ordinal))
        {
            _context.Report(DiagnosticIds.UnsupportedIntegrationPattern, a.LocationOf("Integration"),
                stateName, a.ShortName, pattern, string.Join(", ", supported.Select(p => "IntegrationPattern." + p)));
        }
        return pattern;
    }

    /// <summary>
    /// The typed properties as payload keys, in catalog order, then the keys of the Parameters (or
    /// Arguments) property. A key written twice, also counting "Key" and "Key.$" as one, is FLOW0006.
    /// </summary>
    private JsonValue? IntegrationPayload(IntegrationInfo info, AttributeArguments a, string owner, string field, FieldLocations loc)
    {
        var keys = new List<JsonProperty>();
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);

        void Add(string key, JsonValue value, string property)
        {
            var bare = BareKey(key);
            if (origins.TryGetValue(bare, out var first))
            {
                _context.Report(DiagnosticIds.ConflictingProperties, a.LocationOf(property), owner,
                    $"{first} and {property} both write the {field} key '{bare}'; set only one of them");
            }
            else
            {
                origins.Add(bare, property);
            }
            keys.Add(new JsonProperty(key, value));
            loc.Add(field + "." + key, a.LocationOf(property));
        }

        foreach (var p in info.Params)
        {
            _ct.ThrowIfCancellationRequested();
            if (a.Has(p.Property))
            {
                JsonValue? value = p.Kind switch
                {
                    ParamKind.String => a.IsNull(p.Property) ? JsonValue.Null : a.String(p.Property) is { } str ? JsonValue.String(str) : null,
                    ParamKind.Json => a.IsNull(p.Property) ? JsonValue.Null : a.String(p.Property) is { } text ? ParseJsonText(text, a, p.Property, owner, p.Property) : null,
                    ParamKind.Int => a.Int(p.Property) is int i ? JsonValue.Number(i) : null,
                    ParamKind.Bool => a.Bool(p.Property) is bool b ? JsonValue.Boolean(b) : null,
                    _ => null,
                };
                if (value is not null) Add(p.JsonKey, value, p.Property);
            }
            if (p.PathProperty is { } pathProperty && a.Has(pathProperty))
            {
                var path = a.IsNull(pathProperty) ? JsonValue.Null : a.String(pathProperty) is { } str ? JsonValue.String(str) : null;
                if (path is not null) Add(p.JsonKey + ".$", path, pathProperty);
            }
        }

        // [StartExecution(StateMachine = typeof(X))]: the ARN of a machine of this assembly, wired by the template.
        if (string.Equals(info.AttributeName, "StartExecution", StringComparison.Ordinal) && a.Type("StateMachine") is { TypeKind: not TypeKind.Error } target)
            Add("StateMachineArn", JsonValue.String("${" + Flowstate.Core.Deployment.LogicalIds.MachineArnPlaceholder(target.Name) + "}"), "StateMachine");

        var extra = Json(a, field, owner, loc, field);
        if (keys.Count == 0) return extra;
        if (extra is null) return JsonValue.Object(keys);
        if (!extra.IsObject)
        {
            _context.Report(DiagnosticIds.ConflictingProperties, a.LocationOf(field), owner,
                $"{field} must be a JSON object to add keys to those of the [{info.AttributeName}] properties; move its content into keys of an object");
            return JsonValue.Object(keys);
        }
        foreach (var member in extra.Properties)
        {
            var bare = BareKey(member.Name);
            if (origins.TryGetValue(bare, out var first))
            {
                _context.Report(DiagnosticIds.ConflictingProperties, a.LocationOf(field), owner,
                    $"{field} key '{member.Name}' is also written by {first}; set it in one place only");
            }
            else
            {
                origins.Add(bare, field + " key '" + member.Name + "'");
            }
            keys.Add(member);
        }
        return JsonValue.Object(keys);
    }

    private static string BareKey(string key) => key.EndsWith(".$", StringComparison.Ordinal) ? key.Substring(0, key.Length - 2) : key;

    // ---- Retry, Catch, When --------------------------------------------------------------------

    private EquatableArray<RetrySpec> Retriers(StateNode node, FieldLocations stateLocations)
    {
        var result = new List<RetrySpec>(node.Info.Retry.Count);
        for (var i = 0; i < node.Info.Retry.Count; i++)
        {
            _ct.ThrowIfCancellationRequested();
            var a = Args(node.Info.Retry[i]);
            var owner = $"Retry[{i}] of state '{node.Name}'";
            var loc = new FieldLocations(Capture);
            ReportSetTwice(a, owner);
            var errors = a.Strings("Errors");
            if (errors is not null) loc.Add("ErrorEquals", a.LocationOfAll("Errors"));
            var retry = new RetrySpec
            {
                ErrorEquals = errors?.ToEquatableArray(),
                IntervalSeconds = IntNumber(a, "IntervalSeconds", loc, "IntervalSeconds"),
                MaxAttempts = IntNumber(a, "MaxAttempts", loc, "MaxAttempts"),
                BackoffRate = DoubleNumber(a, "BackoffRate", owner, loc, "BackoffRate"),
                MaxDelaySeconds = IntNumber(a, "MaxDelaySeconds", loc, "MaxDelaySeconds"),
                JitterStrategy = EnumString(a, "JitterStrategy", loc, "JitterStrategy"),
                Comment = String(a, "Comment", loc, "Comment"),
                Location = a.Location,
            };
            var fields = loc.ToArray();
            result.Add(retry with { FieldLocations = fields });
            if (i == 0) stateLocations.Add("Retry", a.Location);
            stateLocations.Add($"Retry[{i}]", a.Location);
            stateLocations.AddRange($"Retry[{i}]", fields);
        }
        return result.ToEquatableArray();
    }

    private EquatableArray<CatchSpec> Catchers(StateNode node, FieldLocations stateLocations)
    {
        var result = new List<CatchSpec>(node.Info.Catch.Count);
        for (var i = 0; i < node.Info.Catch.Count; i++)
        {
            _ct.ThrowIfCancellationRequested();
            var a = Args(node.Info.Catch[i]);
            var owner = $"Catch[{i}] of state '{node.Name}'";
            var loc = new FieldLocations(Capture);
            ReportSetTwice(a, owner);
            var errors = a.Strings("Errors");
            if (errors is not null) loc.Add("ErrorEquals", a.LocationOfAll("Errors"));
            var catcher = new CatchSpec
            {
                ErrorEquals = errors?.ToEquatableArray(),
                Next = Transition(a, "Next", "NextName", owner, loc, "Next"),
                ResultPath = PathValue(a, "ResultPath", loc, "ResultPath"),
                Output = Json(a, "Output", owner, loc, "Output"),
                Assign = Json(a, "Assign", owner, loc, "Assign"),
                Comment = String(a, "Comment", loc, "Comment"),
                Location = a.Location,
            };
            var fields = loc.ToArray();
            result.Add(catcher with { FieldLocations = fields });
            if (i == 0) stateLocations.Add("Catch", a.Location);
            stateLocations.Add($"Catch[{i}]", a.Location);
            stateLocations.AddRange($"Catch[{i}]", fields);
        }
        return result.ToEquatableArray();
    }

    private EquatableArray<ChoiceRuleSpec> Choices(StateNode node, FieldLocations stateLocations)
    {
        var result = new List<ChoiceRuleSpec>(node.Info.When.Count);
        for (var i = 0; i < node.Info.When.Count; i++)
        {
            _ct.ThrowIfCancellationRequested();
            var a = Args(node.Info.When[i]);
            var owner = $"[When] rule {i + 1} of state '{node.Name}'";
            var loc = new FieldLocations(Capture);
            ReportSetTwice(a, owner);
            var condition = a.String("Condition");
            if (condition is null)
            {
                _context.Report(DiagnosticIds.InvalidCondition, a.Location, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), node.Name, "the condition is missing");
                continue;
            }
            var parsed = ConditionParser.Parse(condition);
            if (parsed.Rule is null)
            {
                _context.Report(DiagnosticIds.InvalidCondition, MapIntoLiteral(a, "Condition", parsed.ErrorOffset),
                    (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), node.Name, parsed.Error ?? "it cannot be parsed");
                continue;
            }
            loc.Add("Condition", a.LocationOf("Condition"));
            var located = Capture ? LocateRule(parsed.Rule, new ConditionText(a, condition), loc, top: true) : parsed.Rule;
            var rule = located with
            {
                Next = Transition(a, "Next", "NextName", owner, loc, "Next"),
                Comment = String(a, "Comment", loc, "Comment"),
                Assign = Json(a, "Assign", owner, loc, "Assign"),
                Output = Json(a, "Output", owner, loc, "Output"),
                Location = a.Location,
            };
            var fields = loc.ToArray();
            var index = result.Count;
            result.Add(rule with { FieldLocations = fields });
            stateLocations.Add($"Choices[{index}]", a.Location);
            stateLocations.AddRange($"Choices[{index}]", fields);
        }
        return result.ToEquatableArray();
    }

    /// <summary>A [When] condition's text and where each of its characters was written.</summary>
    private readonly struct ConditionText
    {
        public ConditionText(AttributeArguments a, string text)
        {
            Text = text;
            Literal = a.LocationOf("Condition");
            var expression = a.ExpressionOf("Condition");
            Expression = expression;
            Map = LiteralMap.Build(expression);
        }

        public string Text { get; }
        public SourceRef Literal { get; }
        public Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax? Expression { get; }
        public int[]? Map { get; }

        /// <summary>The characters of <paramref name="part"/> when it occurs exactly once in the condition, else the whole literal.</summary>
        public SourceRef Of(string? part)
        {
            if (Map is null || Expression is null || string.IsNullOrEmpty(part)) return Literal;
            var at = Text.IndexOf(part, StringComparison.Ordinal);
            if (at < 0 || Text.IndexOf(part, at + 1, StringComparison.Ordinal) >= 0) return Literal;
            var span = LiteralMap.SpanOf(Map, at, part!.Length);
            return span is { } s ? SourceRefs.From(Expression.SyntaxTree, s) : Literal;
        }
    }

    /// <summary>
    /// Gives a parsed condition's parts locations in the condition literal: Variable, the operator and
    /// its operand, And/Or/Not; nested rules are located at the literal (they have no attribute of their own).
    /// </summary>
    private ChoiceRuleSpec LocateRule(ChoiceRuleSpec rule, ConditionText text, FieldLocations? into, bool top)
    {
        var loc = into ?? new FieldLocations(Capture);
        if (rule.Variable is { } variable) loc.Add("Variable", text.Of(variable));
        if (rule.Operator is { } op) loc.Add(op, rule.Operand is { IsString: true } operand ? text.Of(operand.Text) : text.Literal);
        if (rule.And is { } and)
        {
            loc.Add("And", text.Literal);
            rule = rule with { And = and.Select(r => LocateRule(r, text, null, false)).ToEquatableArray() };
        }
        if (rule.Or is { } or)
        {
            loc.Add("Or", text.Literal);
            rule = rule with { Or = or.Select(r => LocateRule(r, text, null, false)).ToEquatableArray() };
        }
        if (rule.Not is { } not)
        {
            loc.Add("Not", text.Literal);
            rule = rule with { Not = LocateRule(not, text, null, false) };
        }
        return top ? rule : rule with { Location = text.Literal, FieldLocations = loc.ToArray() };
    }

    // ---- [RawState] ----------------------------------------------------------------------------

    /// <summary>
    /// A States entry given as JSON. An object is read the way the ASL reader reads a state, so that
    /// validation sees its fields and an imported definition round-trips to the same model; any
    /// other value is kept in <see cref="StateSpec.Raw"/>.
    /// </summary>
    private StateSpec? BuildRaw(RawNode raw)
    {
        var a = raw.Args;
        var name = a.String("Name") ?? "";
        var value = Json(a, "Json", $"[RawState(\"{name}\")]", new FieldLocations(false), "Json");
        if (value is null) return null;
        if (value.IsObject)
        {
            // Read in place: the values keep offsets into the literal, and the fields get locations in it.
            var expression = Capture ? a.ExpressionOf("Json") : null;
            var map = LiteralMap.Build(expression);
            SourceRef Locate(int offset, int length)
                => map is not null && LiteralMap.SpanOf(map, offset, length) is { } span ? SourceRefs.From(expression!.SyntaxTree, span) : default;
            var state = AslReader.ReadState(name, value, Locate, _ct);
            var locations = new FieldLocations(Capture);
            if (a.Has("Name")) locations.Add(Flowstate.Core.Validation.ValidationContext.NameKey, a.LocationOf("Name"));
            foreach (var l in state.FieldLocations) locations.Add(l.Field, l.Location);
            return state with { Location = a.Location, FieldLocations = locations.ToArray() };
        }
        var rawLocations = new FieldLocations(Capture);
        if (a.Has("Name")) rawLocations.Add(Flowstate.Core.Validation.ValidationContext.NameKey, a.LocationOf("Name"));
        return new StateSpec { Name = name, Raw = value, Location = a.Location, FieldLocations = rawLocations.ToArray() };
    }
}
