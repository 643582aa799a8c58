using System.Reflection;
using Flowstate.Cli.Importing;
using Flowstate.Core.Asl;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using Flowstate.Core.Validation;

namespace Flowstate.Cli.Tests;

/// <summary>
/// The ASL vocabulary (src/Flowstate.Core/Asl/AslVocabulary.cs) against the code that must agree
/// with it: a state field known to the vocabulary but not to the reader (it would land in Extras),
/// the writer (dropped or out of order), validation (not flagged where it does not belong) or the
/// importer (written as an [AslField] escape hatch instead of a typed property) fails here, and so
/// does a field the model (StateSpec) has but the vocabulary does not.
/// </summary>
public class AslVocabularyTests
{
    /// <summary>A JSON value for each state field that the reader, writer and importer accept (a sample, not a default).</summary>
    private static readonly Dictionary<string, string> Samples = new(StringComparer.Ordinal)
    {
        ["Comment"] = "\"a comment\"",
        ["QueryLanguage"] = "\"JSONPath\"",
        ["Resource"] = "\"arn:aws:states:::lambda:invoke\"",
        ["Choices"] = """[{ "Variable": "$.x", "IsPresent": true, "Next": "Done" }]""",
        ["Default"] = "\"Done\"",
        ["Seconds"] = "5",
        ["SecondsPath"] = "\"$.seconds\"",
        ["Timestamp"] = "\"2026-01-01T00:00:00Z\"",
        ["TimestampPath"] = "\"$.timestamp\"",
        ["Error"] = "\"Pipeline.Failed\"",
        ["ErrorPath"] = "\"$.error\"",
        ["Cause"] = "\"it failed\"",
        ["CausePath"] = "\"$.cause\"",
        ["Branches"] = """[{ "StartAt": "B", "States": { "B": { "Type": "Pass", "End": true } } }]""",
        ["ItemsPath"] = "\"$.items\"",
        ["Items"] = "\"{% $states.input.items %}\"",
        ["ItemReader"] = """{ "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "JSON" }, "Parameters": { "Bucket": "b", "Key": "k" } }""",
        ["ItemSelector"] = """{ "value.$": "$$.Map.Item.Value" }""",
        ["ItemBatcher"] = """{ "MaxItemsPerBatch": 10 }""",
        ["MaxConcurrency"] = "2",
        ["MaxConcurrencyPath"] = "\"$.concurrency\"",
        ["ToleratedFailureCount"] = "1",
        ["ToleratedFailureCountPath"] = "\"$.failures\"",
        ["ToleratedFailurePercentage"] = "5",
        ["ToleratedFailurePercentagePath"] = "\"$.percentage\"",
        ["Label"] = "\"Items\"",
        ["ItemProcessor"] = """{ "ProcessorConfig": { "Mode": "INLINE" }, "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }""",
        ["Iterator"] = """{ "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }""",
        ["ResultWriter"] = """{ "Resource": "arn:aws:states:::s3:putObject", "Parameters": { "Bucket": "b", "Prefix": "p" } }""",
        ["InputPath"] = "\"$.input\"",
        ["Parameters"] = """{ "a.$": "$.x" }""",
        ["Arguments"] = """{ "a": "{% $states.input.x %}" }""",
        ["Result"] = """{ "r": 1 }""",
        ["ResultSelector"] = """{ "r.$": "$.r" }""",
        ["ResultPath"] = "\"$.result\"",
        ["OutputPath"] = "\"$.output\"",
        ["Output"] = "\"{% $states.result %}\"",
        ["Assign"] = """{ "count": 1 }""",
        ["TimeoutSeconds"] = "60",
        ["TimeoutSecondsPath"] = "\"$.timeout\"",
        ["HeartbeatSeconds"] = "10",
        ["HeartbeatSecondsPath"] = "\"$.heartbeat\"",
        ["Credentials"] = """{ "RoleArn": "arn:aws:iam::123456789012:role/r" }""",
        ["Retry"] = """[{ "ErrorEquals": ["States.ALL"] }]""",
        ["Catch"] = """[{ "ErrorEquals": ["States.ALL"], "Next": "Done" }]""",
        ["Next"] = "\"Done\"",
        ["End"] = "true",
    };

    /// <summary>Fields that another field of the same state supplies when the field under test is absent.</summary>
    private static readonly Dictionary<string, string[]> Required = new(StringComparer.Ordinal)
    {
        [AslVocabulary.StateTypes.Task] = new[] { "Resource", "End" },
        [AslVocabulary.StateTypes.Pass] = new[] { "End" },
        [AslVocabulary.StateTypes.Choice] = new[] { "Choices" },
        [AslVocabulary.StateTypes.Wait] = new[] { "Seconds", "End" },
        [AslVocabulary.StateTypes.Succeed] = Array.Empty<string>(),
        [AslVocabulary.StateTypes.Fail] = Array.Empty<string>(),
        [AslVocabulary.StateTypes.Parallel] = new[] { "Branches", "End" },
        [AslVocabulary.StateTypes.Map] = new[] { "ItemProcessor", "End" },
    };

    /// <summary>Fields that replace one another (one of each pair at a time).</summary>
    private static readonly Dictionary<string, string> Alternatives = new(StringComparer.Ordinal)
    {
        ["Next"] = "End", ["End"] = "Next",
        ["Iterator"] = "ItemProcessor", ["ItemProcessor"] = "Iterator",
        ["SecondsPath"] = "Seconds", ["Timestamp"] = "Seconds", ["TimestampPath"] = "Seconds",
    };

    public static TheoryData<string, string> StateFieldPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in AslVocabulary.StateTypes.All)
            foreach (var field in AslVocabulary.StateFields[type])
                if (field != "Type") data.Add(type, field);
        return data;
    }

    private static string StateJson(string type, IEnumerable<string> fields)
    {
        var list = fields.ToList();
        var jsonata = list.Any(f => AslVocabulary.JsonataOnlyFields.ContainsKey(f));
        var members = new List<string> { $"\"Type\": \"{type}\"" };
        foreach (var f in list)
            members.Add($"\"{f}\": " + (f == "QueryLanguage" && jsonata ? "\"JSONata\"" : Samples[f]));
        if (jsonata && !list.Contains("QueryLanguage")) members.Insert(1, "\"QueryLanguage\": \"JSONata\"");
        return "{ " + string.Join(", ", members) + " }";
    }

    private static StateMachineSpec Read(string type, IEnumerable<string> fields)
    {
        var json = $$"""{ "StartAt": "S", "States": { "S": {{StateJson(type, fields)}}, "Done": { "Type": "Succeed" } } }""";
        var read = AslReader.Read(json, "Vocabulary");
        Assert.True(read.Spec is not null, json + "\n" + string.Join("\n", read.Diagnostics));
        return read.Spec!;
    }

    private static IEnumerable<string> With(string type, string field)
    {
        var fields = new List<string> { field };
        foreach (var r in Required[type])
            if (r != field && !(Alternatives.TryGetValue(field, out var alt) && alt == r)) fields.Add(r);
        return fields;
    }

    [Fact]
    public void Every_state_field_has_one_place_in_the_written_order_and_a_sample()
    {
        Assert.Equal(AslVocabulary.StateFieldOrder.Count, AslVocabulary.StateFieldOrder.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(AslVocabulary.StateTypes.All.OrderBy(t => t, StringComparer.Ordinal), AslVocabulary.StateFields.Keys.OrderBy(t => t, StringComparer.Ordinal));
        foreach (var (type, fields) in AslVocabulary.StateFields)
        {
            var inOrder = AslVocabulary.StateFieldOrder.Where(fields.Contains).ToList();
            Assert.True(inOrder.SequenceEqual(fields), $"{type}: fields not in StateFieldOrder's order, or missing from it: {string.Join(", ", fields)}");
        }
        var unused = AslVocabulary.StateFieldOrder.Where(f => f != "Type" && !AslVocabulary.StateFields.Values.Any(v => v.Contains(f))).ToList();
        Assert.True(unused.Count == 0, "fields in StateFieldOrder that no state type accepts: " + string.Join(", ", unused));
        var noSample = AslVocabulary.StateFieldOrder.Where(f => f != "Type" && !Samples.ContainsKey(f)).ToList();
        Assert.True(noSample.Count == 0, "add a sample value for: " + string.Join(", ", noSample));
    }

    [Theory]
    [MemberData(nameof(StateFieldPairs))]
    public void The_reader_reads_each_field_typed_and_the_writer_writes_it_back(string type, string field)
    {
        var spec = Read(type, With(type, field));
        var state = spec.Root.States.Single(s => s.Name == "S");
        Assert.True(state.Extras.All(e => e.Name != field), $"{type}.{field}: the reader kept it as an unknown field (Extras) instead of reading it into StateSpec");
        var written = AslWriter.StateToJson(state);
        Assert.True(written.IsObject && written.Properties.Any(p => p.Name == field), $"{type}.{field}: the writer dropped it");
    }

    [Theory]
    [MemberData(nameof(StateFieldPairs))]
    public void Validation_accepts_each_field_where_it_belongs(string type, string field)
    {
        var spec = Read(type, With(type, field));
        var misplaced = SpecValidator.Validate(spec, CancellationToken.None)
            .Where(d => d.Id is DiagnosticIds.FieldNotAllowed or DiagnosticIds.UnknownField && d.MessageArgs.Contains(field))
            .ToList();
        Assert.True(misplaced.Count == 0, $"{type}.{field}: " + string.Join("; ", misplaced.Select(d => d.Id + " " + string.Join(", ", d.MessageArgs))));
    }

    public static TheoryData<string, string> MisplacedFieldPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in AslVocabulary.StateFieldOrder)
        {
            if (field is "Type" or "Comment" or "QueryLanguage") continue;
            // One state type that does not take the field (the first, so the data stay small).
            var type = AslVocabulary.StateTypes.All.FirstOrDefault(t => !AslVocabulary.StateFields[t].Contains(field)
                && !(field is "Next" or "End" && AslVocabulary.StateTypes.HasNoTransition(t)));
            if (type is not null) data.Add(type, field);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MisplacedFieldPairs))]
    public void Validation_flags_each_field_where_it_does_not_belong(string type, string field)
    {
        var spec = Read(type, With(type, field));
        var flagged = SpecValidator.Validate(spec, CancellationToken.None)
            .Any(d => d.Id == DiagnosticIds.FieldNotAllowed && d.MessageArgs.Contains(field));
        Assert.True(flagged, $"{field} on a {type} state: validation does not know it is not a {type} field");
    }

    [Fact]
    public void The_writer_writes_a_states_fields_in_the_vocabularys_order()
    {
        foreach (var type in AslVocabulary.StateTypes.All)
        {
            // Every field at once, one of each alternative pair.
            var fields = AslVocabulary.StateFields[type]
                .Where(f => f != "Type" && f is not ("Iterator" or "End") && !AslVocabulary.JsonataOnlyFields.ContainsKey(f))
                .ToList();
            var state = Read(type, fields).Root.States.Single(s => s.Name == "S");
            var written = AslWriter.StateToJson(state).Properties.Select(p => p.Name).ToList();
            var expected = AslVocabulary.StateFieldOrder.Where(f => f == "Type" || fields.Contains(f)).ToList();
            Assert.Equal(expected, written);
        }
    }

    [Theory]
    [MemberData(nameof(StateFieldPairs))]
    public void The_importer_writes_each_field_as_a_typed_attribute_property(string type, string field)
    {
        var spec = Read(type, With(type, field));
        var result = DslWriter.Write(spec, new DslWriterOptions { Namespace = "Tests" });
        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.DoesNotContain($"[AslField(\"{field}\"", result.Source!, StringComparison.Ordinal);
        Assert.DoesNotContain("[RawState", result.Source!, StringComparison.Ordinal);
    }

    /// <summary>StateSpec's properties that are not ASL fields of a state.</summary>
    private static readonly HashSet<string> NotFields = new(StringComparer.Ordinal)
    {
        nameof(StateSpec.Name), nameof(StateSpec.Raw), nameof(StateSpec.Extras), nameof(StateSpec.Integration),
        nameof(StateSpec.Location), nameof(StateSpec.FieldLocations), nameof(StateSpec.ProcessorIsIterator),
        "EqualityContract",
    };

    [Fact]
    public void The_model_and_the_vocabulary_name_the_same_fields()
    {
        var properties = typeof(StateSpec).GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.NonPublic)
            .Select(p => p.Name).Where(n => !NotFields.Contains(n))
            // The one property for two spellings: Map's ItemProcessor, or the legacy Iterator.
            .Select(n => n == nameof(StateSpec.Processor) ? "ItemProcessor" : n)
            .ToHashSet(StringComparer.Ordinal);
        var vocabulary = AslVocabulary.StateFieldOrder.Where(f => f != "Iterator").ToHashSet(StringComparer.Ordinal);
        Assert.True(properties.SetEquals(vocabulary),
            "only in StateSpec: " + string.Join(", ", properties.Except(vocabulary)) + "; only in AslVocabulary: " + string.Join(", ", vocabulary.Except(properties)));
    }

    [Fact]
    public void The_readers_operators_are_the_vocabularys()
    {
        Assert.Equal(AslVocabulary.ChoiceOperators.Select(o => o.Key), AslReader.ComparisonOperators);
        // String 5 x 2 + StringMatches, Numeric 5 x 2, Boolean 2, Timestamp 5 x 2, six type tests.
        Assert.Equal(39, AslVocabulary.ChoiceOperators.Count);
        Assert.DoesNotContain("StringMatchesPath", AslReader.ComparisonOperators);
    }
}
