using System.Globalization;
using System.Text.RegularExpressions;
using Flowstate.Core.Asl;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using Flowstate.Generator.Tests.Asl;
using Flowstate.Core.Validation;
using static Flowstate.Generator.Tests.Validation.ValidationHarness;

namespace Flowstate.Generator.Tests.Validation;

public class SpecValidatorTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Generator.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return dir!.FullName;
    }

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var d in Descriptors.RuleDescriptors) data.Add(d.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Descriptor_EveryRule_HasDocPageIndexRowAndReleaseEntry(string id)
    {
        var root = RepoRoot();
        var page = Path.Combine(root, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"missing {page}");
        Assert.StartsWith("# " + id + ":", File.ReadAllText(page), StringComparison.Ordinal);
        Assert.Contains($"[{id}]({id}.md)", File.ReadAllText(Path.Combine(root, "docs", "diagnostics", "README.md")), StringComparison.Ordinal);
        var descriptor = Descriptors.FindRule(id)!;
        var release = File.ReadAllLines(Path.Combine(root, "src", "Flowstate.Generator", "Diagnostics", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} | {descriptor.Title}", release);
        Assert.EndsWith("/docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Descriptor_MessageFormat_FormatsWithItsArguments(string id)
    {
        var format = Descriptors.FindRule(id)!.MessageFormat.ToString(CultureInfo.InvariantCulture);
        var indexes = Regex.Matches(format, @"\{(\d+)\}").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var args = Enumerable.Range(0, indexes.DefaultIfEmpty(-1).Max() + 1).Select(i => (object)("arg" + i)).ToArray();
        var text = string.Format(CultureInfo.InvariantCulture, format, args);
        foreach (var i in indexes.Distinct()) Assert.Contains("arg" + i, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptors_Ids_AreUniqueAndInTheirAreaRange()
    {
        var ids = Descriptors.RuleDescriptors.Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var d in Descriptors.RuleDescriptors)
        {
            var expected = d.Category switch
            {
                Rules.GraphCategory => '1',
                Rules.RetryCatchCategory => '2',
                Rules.PathsCategory => '3',
                Rules.FieldsCategory => '4',
                Rules.LimitsCategory or Rules.IntegrationsCategory => '5',
                _ => '6',
            };
            Assert.True(d.Id[4] == expected, $"{d.Id} is in category {d.Category}");
        }
    }

    [Fact]
    public void Validate_SameSpecTwice_GivesTheSameDiagnosticsInTheSameOrder()
    {
        var json = Corpus.Read("uml-statemachine_statemachine_BlogServiceRequestSM.asl.json");
        var a = SpecValidator.Validate(Read(json), CancellationToken.None);
        var b = SpecValidator.Validate(Read(json), CancellationToken.None);
        Assert.NotEmpty(a);
        Assert.Equal(a, b);
        // Source order.
        Assert.Equal(a.Select(d => d.Location.Start).OrderBy(x => x), a.Select(d => d.Location.Start));
    }

    [Fact]
    public void Validate_CancelledToken_StopsAndReportsNothing()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var result = SpecValidator.Validate(Read(J("{`StartAt`:`A`,`States`:{`A`:{`Type`:`Pass`}}}")), cts.Token);
        Assert.Empty(result);
    }

    [Fact]
    public void Validate_SpecBuiltInCode_WithoutLocations_Works()
    {
        var spec = new StateMachineSpec
        {
            Name = "built",
            Root = new ScopeSpec
            {
                StartAt = "A",
                States = EquatableArray.Create(new StateSpec { Name = "A", Type = "Pass", Next = "Missing" }),
            },
        };
        var d = Assert.Single(SpecValidator.Validate(spec, CancellationToken.None), x => x.Id == DiagnosticIds.TransitionTargetNotFound);
        Assert.False(d.Location.IsKnown);
        Assert.Contains("Missing", d.MessageArgs);
    }

    [Fact]
    public void Validate_DegenerateSpecs_NeverThrowNorReportInternalErrors()
    {
        var specs = new[]
        {
            new StateMachineSpec { Name = "", Root = new ScopeSpec() },
            new StateMachineSpec { Name = "x", WorkflowType = null!, Root = new ScopeSpec { HasStates = false } },
            new StateMachineSpec
            {
                Name = "x",
                Root = new ScopeSpec
                {
                    StartAt = "A",
                    States = EquatableArray.Create(
                        new StateSpec { Name = "A", Type = "Map", Processor = new ScopeSpec(), ProcessorIsIterator = true, Retry = EquatableArray.Create(new RetrySpec()), Catch = EquatableArray.Create(new CatchSpec()) },
                        new StateSpec { Name = "B", Type = "Choice", Choices = EquatableArray.Create(new ChoiceRuleSpec(), new ChoiceRuleSpec { Not = new ChoiceRuleSpec() }) },
                        new StateSpec { Name = "C", Type = "Parallel", Branches = EquatableArray.Create(new ScopeSpec()) },
                        new StateSpec { Name = "D", Raw = JsonValue.Null }),
                },
            },
        };
        foreach (var spec in specs)
        {
            var result = SpecValidator.Validate(spec, CancellationToken.None);
            Assert.DoesNotContain(result, d => d.Id == DiagnosticIds.InternalError);
        }
    }

    /// <summary>Every corpus definition with random members removed: broken input must never crash a rule.</summary>
    [Fact]
    public void Validate_CorpusWithRandomMembersRemoved_NeverReportsInternalErrors()
    {
        var failures = new List<string>();
        foreach (var file in Corpus.FileNames)
        {
            var original = JsonReader.Parse(Corpus.Read(file)).Value!;
            for (var seed = 0; seed < 3; seed++)
            {
                var random = new Random(seed * 7919 + file.Length);
                var mutated = Mutate(original, random);
                var read = AslReader.Read(JsonWriter.Write(mutated), "m", file);
                if (read.Spec is null) continue;
                foreach (var d in SpecValidator.Validate(read.Spec, CancellationToken.None))
                    if (d.Id == DiagnosticIds.InternalError) failures.Add($"{file} seed {seed}: {string.Join(" | ", d.MessageArgs)}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static JsonValue Mutate(JsonValue v, Random random) => v.Kind switch
    {
        JsonKind.Object => JsonValue.Object(v.Properties.Where(_ => random.NextDouble() > 0.08)
            .Select(p => new JsonProperty(p.Name, random.NextDouble() < 0.03 ? JsonValue.Number(7) : Mutate(p.Value, random)))),
        JsonKind.Array => JsonValue.Array(v.Items.Where(_ => random.NextDouble() > 0.08).Select(i => Mutate(i, random))),
        _ => v,
    };
}
