using System;
using System.Collections.Generic;
using System.Globalization;
using Flowstate.Core.Model;

namespace Flowstate.Generator.Parsing;

/// <summary>
/// The ASL (or CloudFormation) spelling of every member of Flowstate's public enums
/// (src/Flowstate/Enums.cs, DeploymentAttributes.cs), keyed by the member's NAME as the user's
/// compilation declares it, never by its ordinal: inserting or reordering a member in src/Flowstate
/// cannot shift a value. The generator cannot reference the Flowstate assembly (it runs inside the
/// compiler with no dependencies), so the names are written here once; AttributeSurfaceTests check
/// this table against the Flowstate assembly by reflection, both ways.
/// </summary>
internal static class AttributeEnums
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Spellings =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            ["WorkflowType"] = Map(("Standard", "STANDARD"), ("Express", "EXPRESS")),
            ["QueryLanguage"] = Map(("JsonPath", "JSONPath"), ("Jsonata", "JSONata")),
            ["JitterStrategy"] = Map(("Full", "FULL"), ("None", "NONE")),
            ["IntegrationPattern"] = Map(
                ("RequestResponse", IntegrationCatalog.RequestResponse), ("Sync", IntegrationCatalog.Sync),
                ("SyncV2", IntegrationCatalog.SyncV2), ("WaitForTaskToken", IntegrationCatalog.WaitForTaskToken)),
            ["ProcessorMode"] = Map(("Inline", "INLINE"), ("Distributed", "DISTRIBUTED")),
            ["StateMachineMetric"] = Map(
                ("ExecutionsFailed", "ExecutionsFailed"), ("ExecutionsTimedOut", "ExecutionsTimedOut"),
                ("ExecutionsAborted", "ExecutionsAborted"), ("ExecutionThrottled", "ExecutionThrottled")),
            ["MissingData"] = Map(("NotBreaching", "notBreaching"), ("Breaching", "breaching"), ("Ignore", "ignore"), ("Missing", "missing")),
            ["LogLevel"] = Map(("Error", "ERROR"), ("All", "ALL"), ("Fatal", "FATAL"), ("Off", "OFF")),
        };

    /// <summary>
    /// The spelling of an enum argument: null when the property is not set; the number as text when
    /// the value is no member of the enum (a cast such as <c>(QueryLanguage)7</c>), so that validation
    /// reports it rather than the generator guessing.
    /// </summary>
    public static string? Spelling(AttributeArguments a, string property)
    {
        if (a.EnumArgument(property) is not { } e) return null;
        if (e.Member is { } member && Spellings.TryGetValue(e.EnumName, out var names) && names.TryGetValue(member, out var spelling))
            return spelling;
        return e.Value.ToString(CultureInfo.InvariantCulture);
    }

    private static IReadOnlyDictionary<string, string> Map(params (string Member, string Spelling)[] pairs)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (member, spelling) in pairs) d[member] = spelling;
        return d;
    }
}
