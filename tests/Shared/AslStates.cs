using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Flowstate.Tests.Shared;

/// <summary>
/// The states of an ASL definition in every scope (Parallel branches, Map ItemProcessor and the older
/// Iterator), in written order, each before the states nested in it. For tests and benchmarks that
/// mock every Task or look for nested states; linked into the benchmarks too.
/// </summary>
internal static class AslStates
{
    public static List<(string Name, JsonNode? State, bool Nested)> All(JsonNode? definition)
    {
        var all = new List<(string, JsonNode?, bool)>();
        void Walk(JsonNode? scope, bool nested)
        {
            if (scope?["States"] is not JsonObject states) return;
            foreach (var (name, state) in states)
            {
                all.Add((name, state, nested));
                if (state?["Branches"] is JsonArray branches) foreach (var b in branches) Walk(b, true);
                Walk(state?["ItemProcessor"], true);
                Walk(state?["Iterator"], true);
            }
        }
        Walk(definition, false);
        return all;
    }

    /// <summary>Every Task state's name (all scopes).</summary>
    public static List<string> TaskNames(JsonNode? definition)
        => All(definition).Where(s => (string?)s.State?["Type"] == "Task").Select(s => s.Name).ToList();
}
