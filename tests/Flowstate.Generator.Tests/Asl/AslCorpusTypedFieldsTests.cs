using Flowstate.Core.Asl;
using Flowstate.Core.Model;

namespace Flowstate.Generator.Tests.Asl;

/// <summary>
/// The round trip alone would pass if the reader put everything in Extras; these tests prove the
/// corpus lands in typed members, so that validators and the importer see real fields.
/// </summary>
public class AslCorpusTypedFieldsTests
{
    [Fact]
    public void Corpus_Read_LeavesOnlyTheOneMalformedEntryOutsideTypedMembers()
    {
        var untyped = new List<string>();
        foreach (var file in Corpus.FileNames)
        {
            var spec = AslReader.Read(Corpus.Read(file), "corpus", file).Spec!;
            foreach (var e in spec.Extras) untyped.Add($"{file}: machine field {e.Name}");
            CollectScope(file, spec.Root, "(root)", untyped);
        }

        // The only definition of the corpus that is not well-formed ASL: "QueryLanguage": "JSONata"
        // written inside States, where it reads as a state whose value is not an object.
        Assert.Equal(
            new[] { "shared-fallback-state-jsonata_statemachine_statemachine.asl.json: raw state QueryLanguage = \"JSONata\"" },
            untyped);
    }

    [Fact]
    public void Corpus_Read_EveryStateHasATypeAndEveryChoiceRuleIsTyped()
    {
        var states = 0;
        var rules = 0;
        foreach (var file in Corpus.FileNames)
        {
            var spec = AslReader.Read(Corpus.Read(file), "corpus", file).Spec!;
            foreach (var state in AllStates(spec.Root).Where(s => s.Raw is null))
            {
                states++;
                Assert.True(state.Type is not null, $"{file}: {state.Name} has no Type");
                foreach (var rule in state.Choices ?? default)
                {
                    rules++;
                    Assert.True(rule.Operator is not null || rule.And is not null || rule.Or is not null || rule.Not is not null || rule.Condition is not null,
                        $"{file}: a rule of {state.Name} has no operator");
                }
            }
        }
        // Sanity: the corpus is not trivially small.
        Assert.True(states > 1000, $"only {states} states");
        Assert.True(rules > 100, $"only {rules} rules");
    }

    internal static IEnumerable<StateSpec> AllStates(ScopeSpec scope)
    {
        foreach (var s in scope.States)
        {
            yield return s;
            foreach (var b in s.Branches ?? default)
                foreach (var inner in AllStates(b)) yield return inner;
            if (s.Processor is { } p)
                foreach (var inner in AllStates(p)) yield return inner;
        }
    }

    private static void CollectScope(string file, ScopeSpec scope, string where, List<string> untyped)
    {
        foreach (var e in scope.Extras) untyped.Add($"{file}: scope {where} field {e.Name}");
        if (!scope.HasStates) untyped.Add($"{file}: scope {where} has no States object");
        foreach (var s in scope.States)
        {
            if (s.Raw is not null) untyped.Add($"{file}: raw state {s.Name} = {s.Raw}");
            foreach (var e in s.Extras) untyped.Add($"{file}: state {s.Name} field {e.Name}");
            foreach (var r in s.Retry ?? default)
                foreach (var e in r.Extras) untyped.Add($"{file}: retrier of {s.Name} field {e.Name}");
            foreach (var c in s.Catch ?? default)
                foreach (var e in c.Extras) untyped.Add($"{file}: catcher of {s.Name} field {e.Name}");
            foreach (var rule in s.Choices ?? default) CollectRule(file, s.Name, rule, untyped);
            foreach (var b in s.Branches ?? default) CollectScope(file, b, s.Name + " branch", untyped);
            if (s.Processor is { } p) CollectScope(file, p, s.Name + " processor", untyped);
        }
    }

    private static void CollectRule(string file, string state, ChoiceRuleSpec rule, List<string> untyped)
    {
        foreach (var e in rule.Extras) untyped.Add($"{file}: rule of {state} field {e.Name}");
        foreach (var r in rule.And ?? default) CollectRule(file, state, r, untyped);
        foreach (var r in rule.Or ?? default) CollectRule(file, state, r, untyped);
        if (rule.Not is { } not) CollectRule(file, state, not, untyped);
    }
}
