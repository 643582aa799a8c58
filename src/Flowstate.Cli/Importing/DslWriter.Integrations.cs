using System;
using System.Collections.Generic;
using System.Linq;
using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Cli.Importing;

// Typed integrations: IntegrationCatalog read backwards. The parser builds Resource from the
// attribute and its Integration pattern, and the payload from the typed properties (catalog order)
// followed by the keys of the Parameters (JSONPath) or Arguments (JSONata) property. So a key maps
// to a property only when the property reproduces it exactly; everything else stays in the payload
// property, and a payload the parser would reject (a key given twice, also counting "Key" and
// "Key.$" as one: FLOW0006) keeps the plain [Task].
internal sealed partial class DslWriterRun
{
    private sealed class TypedTask
    {
        public TypedTask(CSharpAttribute attribute, string payloadField)
        {
            Attribute = attribute;
            PayloadField = payloadField;
        }

        /// <summary>The attribute with its positional arguments.</summary>
        public CSharpAttribute Attribute { get; }
        public List<AttributeArg> TypedArgs { get; } = new();
        /// <summary>"Parameters" or "Arguments": the field the typed keys go to.</summary>
        public string PayloadField { get; }
        /// <summary>What remains of the payload for the Parameters/Arguments property; null writes none.</summary>
        public JsonValue? RemainingPayload { get; set; }
    }

    /// <summary>The query language the parser will see for the state (an unknown value is written as [AslField] and so does not count).</summary>
    private bool IsJsonata(StateSpec s)
    {
        var own = QueryLanguageCode(s.QueryLanguage ?? "") is not null ? s.QueryLanguage : null;
        var machine = QueryLanguageCode(_spec.QueryLanguage ?? "") is not null ? _spec.QueryLanguage : null;
        return string.Equals(own ?? machine, "JSONata", StringComparison.Ordinal);
    }

    private TypedTask? MatchIntegration(StateSpec s)
    {
        if (!IntegrationCatalog.TrySplitResource(s.Resource!, out var resourceBase, out var pattern)) return null;
        var jsonata = IsJsonata(s);
        var payloadField = jsonata ? "Arguments" : "Parameters";
        var payload = jsonata ? s.Arguments : s.Parameters;

        foreach (var info in IntegrationCatalog.FindByResourceBase(resourceBase))
        {
            if (!info.Patterns.Contains(pattern, StringComparer.Ordinal)) continue;
            if (payload is not null && payload.IsObject && HasDuplicateBareKeys(payload)) break;
            return MapTyped(info, pattern, payload, payloadField, jsonata);
        }

        const string sdk = "aws-sdk:";
        if (resourceBase.StartsWith(sdk, StringComparison.Ordinal) && IntegrationCatalog.AwsSdkPatterns.Contains(pattern, StringComparer.Ordinal))
        {
            var rest = resourceBase.Substring(sdk.Length);
            var colon = rest.IndexOf(':');
            if (colon > 0 && colon < rest.Length - 1)
            {
                // [AwsSdk] writes Parameters and Arguments as given; PayloadField "" leaves both to the common fields.
                var attribute = new CSharpAttribute(IntegrationCatalog.AwsSdkAttributeName)
                    .Positional(Str(rest.Substring(0, colon)))
                    .Positional(Str(rest.Substring(colon + 1)));
                var typed = new TypedTask(attribute, "");
                AddPattern(typed, pattern);
                return typed;
            }
        }
        return null;
    }

    private static bool HasDuplicateBareKeys(JsonValue payload)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in payload.Properties)
            if (!seen.Add(BareKey(p.Name))) return true;
        return false;
    }

    private static string BareKey(string key) => key.EndsWith(".$", StringComparison.Ordinal) ? key.Substring(0, key.Length - 2) : key;

    private static void AddPattern(TypedTask typed, string pattern)
    {
        if (pattern != IntegrationCatalog.RequestResponse)
            typed.TypedArgs.Add(new AttributeArg("Integration", ArgValue.Code("IntegrationPattern." + pattern)));
    }

    private static TypedTask MapTyped(IntegrationInfo info, string pattern, JsonValue? payload, string payloadField, bool jsonata)
    {
        var attribute = new CSharpAttribute(info.AttributeName);
        var typed = new TypedTask(attribute, payloadField);
        if (payload is null || !payload.IsObject)
        {
            // Nothing to map: the parser writes the Parameters/Arguments property as it is.
            typed.RemainingPayload = payload;
            AddPattern(typed, pattern);
            return typed;
        }

        var values = new Dictionary<string, ArgValue>(StringComparer.Ordinal);
        var remaining = new List<JsonProperty>();
        foreach (var member in payload.Properties)
        {
            if (TryMapKey(info, member, jsonata, out var property, out var value)) values[property] = value;
            else remaining.Add(member);
        }

        foreach (var p in info.Params)
        {
            if (values.TryGetValue(p.Property, out var value))
            {
                // The constructor's property reads best as the positional argument: [LambdaInvoke("fn")].
                if (p.Property == info.ConstructorProperty && value is CodeValue code && code.Text != "null") attribute.Positional(value);
                else typed.TypedArgs.Add(new AttributeArg(p.Property, value));
            }
            if (p.PathProperty is { } pathProperty && values.TryGetValue(pathProperty, out var path))
                typed.TypedArgs.Add(new AttributeArg(pathProperty, path));
        }
        AddPattern(typed, pattern);
        // An object all of whose keys went to properties needs no Parameters property: the parser builds it.
        typed.RemainingPayload = remaining.Count == 0 && values.Count > 0 ? null : JsonValue.Object(remaining);
        return typed;
    }

    private static bool TryMapKey(IntegrationInfo info, JsonProperty member, bool jsonata, out string property, out ArgValue value)
    {
        property = "";
        value = null!;
        foreach (var p in info.Params)
        {
            if (string.Equals(member.Name, p.JsonKey, StringComparison.Ordinal))
            {
                var v = member.Value;
                switch (p.Kind)
                {
                    case ParamKind.String:
                        if (v.IsString) value = Str(v.Text!);
                        else if (v.IsNull) value = ArgValue.Code("null");
                        else return false;
                        break;
                    case ParamKind.Json:
                        value = ArgValue.Json(v);
                        break;
                    case ParamKind.Int:
                        if (!JsonNumbers.TryGetExactInt32(v, out var i)) return false;
                        value = ArgValue.Code(CSharpLiterals.Int(i));
                        break;
                    case ParamKind.Bool:
                        if (!v.IsBoolean) return false;
                        value = ArgValue.Code(CSharpLiterals.Bool(v.Kind == JsonKind.True));
                        break;
                    default:
                        return false;
                }
                property = p.Property;
                return true;
            }
            // "Key.$" is JSONPath; in a JSONata state it is not a path, so it stays a payload key.
            if (!jsonata && p.PathProperty is { } pathProperty && string.Equals(member.Name, p.JsonKey + ".$", StringComparison.Ordinal))
            {
                if (member.Value.IsString) value = Str(member.Value.Text!);
                else if (member.Value.IsNull) value = ArgValue.Code("null");
                else return false;
                property = pathProperty;
                return true;
            }
        }
        return false;
    }
}
