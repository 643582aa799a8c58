using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Core.Deployment;

public static partial class TemplateWriter
{
    /// <summary>What a ${Name} stands for in this stack.</summary>
    private enum BindingKind { Parameter, Resource, Literal, Pseudo }

    /// <summary>
    /// Ref: the logical id (parameter or resource) whose Ref is the value; Literal: the text itself.
    /// A placeholder nothing declares becomes a String parameter, so the template stays deployable
    /// (the analyzer reports it as FLOW7007 when the assembly declares its parameters).
    /// </summary>
    private sealed record Binding(BindingKind Kind, string Value);

    private sealed partial class Builder
    {
        private readonly StackTemplateInput _input;
        private readonly AssemblyDeploymentSpec _assembly;
        private readonly Dictionary<string, Binding> _bindings = new(StringComparer.Ordinal);
        private readonly List<string> _parameterOrder = new();
        private readonly HashSet<string> _logicalIds = new(StringComparer.Ordinal);
        private readonly HashSet<string> _topicsUsed = new(StringComparer.Ordinal);
        private readonly HashSet<string> _bucketsUsed = new(StringComparer.Ordinal);
        private readonly List<(string Name, JsonValue Value)> _outputs = new();
        private readonly Dictionary<string, string> _topicLogicalIds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _bucketLogicalIds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _parameterIds = new(StringComparer.Ordinal);
        private string[] _machineIds = Array.Empty<string>();

        public Builder(StackTemplateInput input)
        {
            _input = input;
            _assembly = input.Assembly;
        }

        public List<Resource> Resources { get; } = new();

        /// <summary>The definitions whose text the machines brought (<see cref="TemplateMachine.DefinitionText"/>), by instance.</summary>
        public Dictionary<JsonValue, string> PreWritten { get; } = new(JsonValueReference.Comparer);

        /// <summary>FLOW7018 findings: two declarations whose logical ids are the same.</summary>
        public List<StackFinding> Duplicates { get; } = new();

        // Logical id -> what declared it ("class Demo.Orders", "topic 'Alert'"), for FLOW7018's message.
        private readonly Dictionary<string, (string What, StackSite? Site)> _declaredIds = new(StringComparer.Ordinal);

        /// <summary>
        /// Claims a logical id that comes from a user's name (class, topic, bucket, parameter, named schedule or rule).
        /// Taken already: a FLOW7018 finding on both declarations, and the id gets a number so that the template
        /// stays well-formed JSON (the build fails on the error anyway).
        /// </summary>
        private string Declare(string id, string what, StackSite? site)
        {
            if (_declaredIds.TryGetValue(id, out var first))
            {
                // Flowstate's own ids (site null) have no declaration to point at: the user's is the one to rename.
                var sites = first.Site is null || first.Site == site || site is null
                    ? EquatableArray.Create((first.Site ?? site)!)
                    : EquatableArray.Create(first.Site, site);
                Duplicates.Add(new StackFinding(DiagnosticIds.DuplicateLogicalId, EquatableArray.Create(first.What, what, id, _input.StackName), sites));
                return Reserve(id);
            }
            if (_logicalIds.Contains(id))
            {
                // A resource Flowstate generates (a role, a log group, ...) already has this id.
                Duplicates.Add(new StackFinding(DiagnosticIds.DuplicateLogicalId, EquatableArray.Create("a resource Flowstate generates", what, id, _input.StackName), EquatableArray.Create(site ?? StackSite.Of(_input))));
                return Reserve(id);
            }
            _declaredIds.Add(id, (what, site));
            _logicalIds.Add(id);
            return id;
        }

        private static StackSite MachineSite(TemplateMachine m) => new(StackSiteKind.Machine, m.TypeMetadataName ?? m.Deployment.LogicalId);

        private static string MachineWhat(TemplateMachine m) => m.TypeMetadataName is { } type ? "class " + type.Replace('+', '.') : "state machine '" + m.Deployment.MachineName + "'";

        public JsonValue Build()
        {
            // Logical ids of parameters, topics and buckets are declared first, so that a machine's resources never take them.
            // Parameters and resources share one namespace of logical ids in a template.
            Declare(NameSuffixParameter, "Flowstate's parameter " + NameSuffixParameter + " (the state machine name suffix)", null);
            foreach (var p in _assembly.Parameters)
                if (!_parameterIds.ContainsKey(p.Name)) _parameterIds.Add(p.Name, Declare(LogicalIds.Of(p.Name), "parameter '" + p.Name + "'", new StackSite(StackSiteKind.Parameter, p.Name)));
            foreach (var topic in _assembly.Topics)
            {
                if (_topicLogicalIds.ContainsKey(topic.Name)) continue;
                var site = new StackSite(StackSiteKind.Topic, topic.Name);
                var id = topic.FromParameter
                    ? Declare(LogicalIds.Of(topic.ArnPlaceholder), "topic '" + topic.Name + "' (parameter " + topic.ArnPlaceholder + ")", site)
                    : topic.Arn is null ? Declare(LogicalIds.Of(topic.Name), "topic '" + topic.Name + "'", site) : LogicalIds.Of(topic.Name);
                if (topic.Arn is null && !topic.FromParameter) Declare(id + "Policy", "the policy of topic '" + topic.Name + "'", site);
                _topicLogicalIds.Add(topic.Name, id);
            }
            foreach (var bucket in _assembly.Buckets)
                if (!_bucketLogicalIds.ContainsKey(bucket.Name)) _bucketLogicalIds.Add(bucket.Name, Declare(LogicalIds.Of(bucket.Name), "bucket '" + bucket.Name + "'", new StackSite(StackSiteKind.Bucket, bucket.Name)));
            _machineIds = new string[_input.Machines.Count];
            for (var i = 0; i < _input.Machines.Count; i++)
            {
                var m = _input.Machines[i];
                _machineIds[i] = Declare(m.Deployment.LogicalId, MachineWhat(m), MachineSite(m));
                Bind(LogicalIds.MachineArnPlaceholder(m.Deployment.LogicalId), new Binding(BindingKind.Resource, _machineIds[i]));
            }
            Bind(NameSuffixParameter, new Binding(BindingKind.Parameter, NameSuffixParameter));
            foreach (var t in _assembly.Topics)
            {
                var binding = t.Arn is { } arn ? new Binding(BindingKind.Literal, arn)
                    : t.FromParameter ? new Binding(BindingKind.Parameter, _topicLogicalIds[t.Name])
                    : new Binding(BindingKind.Resource, _topicLogicalIds[t.Name]);
                Bind(t.ArnPlaceholder, binding);
            }
            foreach (var b in _assembly.Buckets) Bind(b.Name, new Binding(BindingKind.Resource, _bucketLogicalIds[b.Name]));
            foreach (var p in _assembly.Parameters) Bind(p.Name, new Binding(BindingKind.Parameter, _parameterIds[p.Name]));

            var machineResources = new List<Resource>();
            for (var i = 0; i < _input.Machines.Count; i++) AddMachine(_input.Machines[i], _machineIds[i], machineResources);

            // Shared resources first (they are referenced by the machines' resources), then the machines'.
            foreach (var topic in _assembly.Topics)
                if (_topicsUsed.Contains(topic.Name) && topic.Arn is null && !topic.FromParameter) AddTopic(topic);
            foreach (var bucket in _assembly.Buckets)
                if (_bucketsUsed.Contains(bucket.Name)) AddBucket(bucket);
            Resources.AddRange(machineResources);

            if (_input.Machines.Count > 0 && !_parameterOrder.Contains(NameSuffixParameter)) _parameterOrder.Add(NameSuffixParameter);
            var description = _input.Description
                ?? "Flowstate stack " + _input.StackName + ": " + string.Join(", ", _input.Machines.Select(m => m.Deployment.MachineName)) + " (generated; do not edit)";
            return O(
                ("AWSTemplateFormatVersion", S("2010-09-09")),
                ("Description", S(description)),
                ("Parameters", _parameterOrder.Count == 0 ? null : JsonValue.Object(_parameterOrder.Select(p => new JsonProperty(p, ParameterDeclaration(p))))),
                ("Resources", JsonValue.Object(Resources.Select(r => new JsonProperty(r.Name, r.Value)))),
                ("Outputs", _outputs.Count == 0 ? null : JsonValue.Object(_outputs.Select(o => new JsonProperty(o.Name, o.Value)))));
        }

        private void Bind(string placeholder, Binding binding)
        {
            if (!_bindings.ContainsKey(placeholder)) _bindings.Add(placeholder, binding);
        }

        // ---- placeholders ---------------------------------------------------------------------

        /// <summary>The binding of ${name}, recording the parameter, topic or bucket it brings into the stack.</summary>
        private Binding Use(string name)
        {
            if (name.StartsWith("AWS::", StringComparison.Ordinal)) return new Binding(BindingKind.Pseudo, name);
            if (!_bindings.TryGetValue(name, out var binding))
            {
                var id = Declare(LogicalIds.Of(name), "the placeholder ${" + name + "}", StackSite.Of(_input));
                binding = new Binding(BindingKind.Parameter, id);
                _bindings.Add(name, binding);
            }
            if (binding.Kind == BindingKind.Parameter && !_parameterOrder.Contains(binding.Value)) _parameterOrder.Add(binding.Value);
            foreach (var t in _assembly.Topics)
                if (string.Equals(t.ArnPlaceholder, name, StringComparison.Ordinal)) _topicsUsed.Add(t.Name);
            foreach (var b in _assembly.Buckets)
                if (string.Equals(b.Name, name, StringComparison.Ordinal)) _bucketsUsed.Add(b.Name);
            return binding;
        }

        /// <summary>A string that may hold placeholders, as a template value: the text, a Ref, or an Fn::Sub.</summary>
        public JsonValue Resolve(string text)
        {
            var names = PlaceholdersIn(text).ToList();
            if (names.Count == 0) return S(text);
            if (names.Count == 1 && text == "${" + names[0] + "}")
            {
                var only = Use(names[0]);
                return only.Kind switch
                {
                    BindingKind.Literal => S(only.Value),
                    BindingKind.Pseudo => Ref(only.Value),
                    _ => Ref(only.Value),
                };
            }
            var sb = new StringBuilder(text.Length + 16);
            var i = 0;
            while (i < text.Length)
            {
                var open = text.IndexOf("${", i, StringComparison.Ordinal);
                var close = open < 0 ? -1 : text.IndexOf('}', open + 2);
                if (open < 0 || close < 0 || close == open + 2)
                {
                    sb.Append(text, i, text.Length - i);
                    break;
                }
                sb.Append(text, i, open - i);
                var binding = Use(text.Substring(open + 2, close - open - 2));
                if (binding.Kind == BindingKind.Literal) sb.Append(binding.Value.Replace("${", "${!"));
                else sb.Append("${").Append(binding.Value).Append('}');
                i = close + 1;
            }
            return Sub(sb.ToString());
        }

        /// <summary>A JSON value whose strings may hold placeholders (an event pattern, a policy statement).</summary>
        private JsonValue ResolveJson(JsonValue value) => value.Kind switch
        {
            JsonKind.String => Resolve(value.Text!),
            JsonKind.Array => A(value.Items.Select(ResolveJson)),
            JsonKind.Object => JsonValue.Object(value.Properties.Select(p => new JsonProperty(p.Name, ResolveJson(p.Value)))),
            _ => value,
        };

        /// <summary>JSON text for a target's Input: the JSON compact, placeholders resolved into an Fn::Sub.</summary>
        private JsonValue ResolveText(JsonValue json) => Resolve(Compact(json));

        private JsonValue ParameterDeclaration(string logicalId)
        {
            if (logicalId == NameSuffixParameter)
            {
                return O(
                    ("Type", S("String")),
                    ("Description", S("Appended to the name of every state machine of this stack (for example -prod), so that stages of the app can live side by side in one account and region; empty: the names as declared")),
                    ("Default", S("")),
                    ("AllowedPattern", S("^[A-Za-z0-9_-]{0,40}$")));
            }
            var declared = _assembly.Parameters.FirstOrDefault(p => string.Equals(LogicalIds.Of(p.Name), logicalId, StringComparison.Ordinal));
            var topic = _assembly.Topics.FirstOrDefault(t => t.FromParameter && string.Equals(LogicalIds.Of(t.ArnPlaceholder), logicalId, StringComparison.Ordinal));
            var description = declared?.Description
                ?? (topic is not null ? "ARN of the SNS topic '" + topic.Name + "'" : "Deploy-time value of the placeholder " + logicalId + " in the state machine definitions");
            return O(
                ("Type", S("String")),
                ("Description", S(description)),
                ("Default", declared?.Default is { } d ? S(d) : null),
                ("AllowedPattern", declared?.AllowedPattern is { } p ? S(p) : null));
        }

        // ---- resources ------------------------------------------------------------------------

        private string Reserve(string wanted)
        {
            var id = wanted.Length > LogicalIds.MaxLength ? wanted.Substring(0, LogicalIds.MaxLength) : wanted;
            if (_logicalIds.Add(id)) return id;
            for (var n = 2; ; n++)
            {
                var candidate = id + Invariant(n);
                if (_logicalIds.Add(candidate)) return candidate;
            }
        }

        private JsonValue? Tags(MachineDeploymentSpec? machine)
        {
            var tags = new List<TagSpec>();
            tags.AddRange(_assembly.Tags);
            if (machine is not null) tags.AddRange(machine.Tags);
            if (tags.Count == 0) return null;
            // A later tag with the same key wins (the machine's over the assembly's); output sorted by key.
            var byKey = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var t in tags) byKey[t.Key] = t.Value;
            return A(byKey.Select(kv => O(("Key", S(kv.Key)), ("Value", S(kv.Value)))));
        }

        private void AddTopic(TopicSpec topic)
        {
            var id = _topicLogicalIds[topic.Name];
            Resources.Add(new Resource(id, O(
                ("Type", S("AWS::SNS::Topic")),
                ("Properties", NonEmpty(O(("DisplayName", topic.DisplayName is { } d ? S(d) : null), ("Tags", Tags(null))))))));
            var policy = id + "Policy";
            Resources.Add(new Resource(policy, O(
                ("Type", S("AWS::SNS::TopicPolicy")),
                ("Properties", O(
                    ("Topics", A(Ref(id))),
                    ("PolicyDocument", O(
                        ("Version", S(PolicyVersion)),
                        ("Statement", A(O(
                            ("Sid", S("AllowEventBridgeAndCloudWatchToPublish")),
                            ("Effect", S("Allow")),
                            ("Principal", O(("Service", A(S("cloudwatch.amazonaws.com"), S("events.amazonaws.com"))))),
                            ("Action", S("sns:Publish")),
                            ("Resource", Ref(id)),
                            ("Condition", O(("StringEquals", O(("aws:SourceAccount", Ref("AWS::AccountId"))))))))))))))));
            _outputs.Add((id + "Arn", O(("Description", S("ARN of the SNS topic " + topic.Name)), ("Value", Ref(id)))));
        }

        private void AddBucket(BucketSpec bucket)
        {
            var id = _bucketLogicalIds[bucket.Name];
            Resources.Add(new Resource(id, O(
                ("Type", S("AWS::S3::Bucket")),
                ("Properties", O(
                    // S3 sends Object Created events to EventBridge only with this on; [OnS3ObjectCreated] needs it.
                    ("NotificationConfiguration", O(("EventBridgeConfiguration", O(("EventBridgeEnabled", B(true)))))),
                    ("Tags", Tags(null)))))));
            _outputs.Add((id + "Name", O(("Description", S("Name of the S3 bucket " + bucket.Name)), ("Value", Ref(id)))));
        }

        private static JsonValue? NonEmpty(JsonValue obj) => obj.Properties.Count == 0 ? null : obj;
    }
}
