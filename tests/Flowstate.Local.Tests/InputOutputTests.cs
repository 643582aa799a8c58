namespace Flowstate.Local.Tests;

/// <summary>The input/output processing chain with the examples of AWS's "Processing input and output" pages.</summary>
public class InputOutputTests
{
    private const string TaskMachine = """
        { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:HelloFunction", FIELDS "End": true } } }
        """;

    private static ExecutionResult RunTask(string fields, string input, object? result)
        => H.Run(TaskMachine.Replace("FIELDS", fields), input, r => r.OnTask("T", _ => result));

    [Fact]
    public void InputPath_selects_part_of_the_input()
        => H.Succeeds(H.Run(H.PassMachine("\"InputPath\": \"$.dataset2\""),
            """{ "comment": "Example for InputPath.", "dataset1": { "val1": 1, "val2": 2, "val3": 3 }, "dataset2": { "val1": "a", "val2": "b", "val3": "c" } }"""),
            """{ "val1": "a", "val2": "b", "val3": "c" }""");

    [Fact]
    public void Parameters_builds_the_documented_payload()
        => H.Succeeds(H.Run(H.PassMachine("""
            "Parameters": { "comment": "Selecting what I care about.", "MyDetails": { "size.$": "$.product.details.size", "exists.$": "$.product.availability", "StaticValue": "foo" } }
            """), """{ "comment": "Example for Parameters.", "product": { "details": { "color": "blue", "size": "small", "material": "cotton" }, "availability": "in stock", "sku": "2317", "cost": "$23" } }"""),
            """{ "comment": "Selecting what I care about.", "MyDetails": { "size": "small", "exists": "in stock", "StaticValue": "foo" } }""");

    [Fact]
    public void ResultPath_adds_the_result_to_the_input()
        => H.Succeeds(RunTask("\"ResultPath\": \"$.taskresult\",",
            """{ "comment": "This is a test of the input and output of a Task state.", "details": "Default example", "who": "AWS Step Functions" }""",
            "Hello, AWS Step Functions!"),
            """{ "comment": "This is a test of the input and output of a Task state.", "details": "Default example", "who": "AWS Step Functions", "taskresult": "Hello, AWS Step Functions!" }""");

    [Fact]
    public void ResultPath_default_replaces_the_input_with_the_result()
        => H.Succeeds(RunTask("", """{ "who": "x" }""", "Hello"), "\"Hello\"");

    [Fact]
    public void ResultPath_null_discards_the_result()
        => H.Succeeds(RunTask("\"ResultPath\": null,", """{ "who": "x" }""", "Hello"), """{ "who": "x" }""");

    [Fact]
    public void ResultPath_merges_into_a_deep_path_creating_what_is_missing()
        => H.Succeeds(RunTask("\"ResultPath\": \"$.a.b.c\",", """{ "a": { "keep": 1 } }""", new { ok = true }), """{ "a": { "keep": 1, "b": { "c": { "ok": true } } } }""");

    [Fact]
    public void ResultPath_into_a_non_object_is_ResultPathMatchFailure()
        => H.Fails(RunTask("\"ResultPath\": \"$.x\",", "\"just a string\"", 1), "States.ResultPathMatchFailure");

    [Fact]
    public void ResultSelector_then_ResultPath_as_in_the_documented_EMR_example()
        => H.Succeeds(RunTask("""
            "ResultSelector": { "ClusterId.$": "$.output.ClusterId", "ResourceType.$": "$.resourceType" }, "ResultPath": "$.EMROutput",
            """, """{ "cluster": "x" }""",
            LocalJson.Parse("""{ "resourceType": "elasticmapreduce", "resource": "createCluster.sync", "output": { "SdkHttpMetadata": { "HttpStatusCode": 200 }, "ClusterId": "AKIAIOSFODNN7EXAMPLE" } }""")),
            """{ "cluster": "x", "EMROutput": { "ClusterId": "AKIAIOSFODNN7EXAMPLE", "ResourceType": "elasticmapreduce" } }""");

    [Fact]
    public void OutputPath_selects_part_of_the_output_and_null_gives_an_empty_object()
    {
        H.Succeeds(RunTask("\"ResultPath\": \"$.r\", \"OutputPath\": \"$.r.x\",", "{}", new { x = 5 }), "5");
        H.Succeeds(RunTask("\"OutputPath\": null,", "{}", new { x = 5 }), "{}");
        H.Succeeds(H.Run(H.PassMachine("\"InputPath\": null"), """{ "a": 1 }"""), "{}");
    }

    [Fact]
    public void Pass_Result_replaces_and_ResultPath_places_it()
        => H.Succeeds(H.Run(H.PassMachine("""  "Result": { "x-datum": 0.381018, "y-datum": 622.2269926397355 }, "ResultPath": "$.coords"  """), """{ "georefOf": "Home" }"""),
            """{ "georefOf": "Home", "coords": { "x-datum": 0.381018, "y-datum": 622.2269926397355 } }""");

    [Fact]
    public void Parameters_inside_arrays_are_evaluated()
        => H.Succeeds(H.Run(H.PassMachine("""  "Parameters": { "list": [ { "v.$": "$.a" }, 2, [ { "w.$": "$.b" } ] ] }  """), """{ "a": 1, "b": "x" }"""),
            """{ "list": [ { "v": 1 }, 2, [ { "w": "x" } ] ] }""");

    [Fact]
    public void A_path_that_matches_nothing_fails_with_States_Runtime_naming_the_field()
        => H.Fails(H.Run(H.PassMachine("""  "Parameters": { "v.$": "$.missing" }  """), "{}"), "States.Runtime", "'v.$'");

    [Fact]
    public void Context_object_has_execution_state_and_machine()
    {
        var r = LocalRunner.FromAsl(H.PassMachine("""  "Parameters": { "ctx.$": "$$", "input.$": "$$.Execution.Input.a", "entered.$": "$$.State.EnteredTime", "name.$": "$$.State.Name" }  """), "ctx-machine")
            .Configure(o => { o.ExecutionName = "exec1"; o.StartTime = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero); })
            .Run("""{ "a": 7 }""");
        H.JsonEqual("7", r.Output!["input"]);
        H.JsonEqual("\"2026-03-01T12:00:00.000Z\"", r.Output!["entered"]);
        H.JsonEqual("\"S\"", r.Output!["name"]);
        var ctx = r.Output!["ctx"]!;
        H.JsonEqual("\"arn:aws:states:us-east-1:123456789012:execution:ctx-machine:exec1\"", ctx["Execution"]!["Id"]);
        H.JsonEqual("\"arn:aws:states:us-east-1:123456789012:stateMachine:ctx-machine\"", ctx["StateMachine"]!["Id"]);
        H.JsonEqual("\"2026-03-01T12:00:00.000Z\"", ctx["Execution"]!["StartTime"]);
    }

    [Fact]
    public void JsonPath_filters_slices_and_deep_scan()
    {
        const string input = """
            { "store": { "book": [
                { "category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95 },
                { "category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99 },
                { "category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99 },
                { "category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99 } ],
              "bicycle": { "color": "red", "price": 19.95 } } }
            """;
        var r = H.Run(H.PassMachine("""
            "Parameters": {
              "cheap.$": "$.store.book[?(@.price < 10)].title",
              "withIsbn.$": "$.store.book[?(@.isbn)].author",
              "fictionCheap.$": "$.store.book[?(@.category == 'fiction' && @.price < 20)].price",
              "firstTwo.$": "$.store.book[0:2].author",
              "last.$": "$.store.book[-1:].title",
              "every.$": "$..price",
              "count.$": "$.store.book.length()",
              "second.$": "$.store.book[1].author",
              "union.$": "$.store.book[0,2].price",
              "regex.$": "$.store.book[?(@.author =~ /.*REES/i)].price",
              "none.$": "$.store.book[?(@.price > 100)]"
            }
            """), input);
        H.Succeeds(r, """
            { "cheap": ["Sayings of the Century", "Moby Dick"], "withIsbn": ["Herman Melville", "J. R. R. Tolkien"], "fictionCheap": [12.99, 8.99],
              "firstTwo": ["Nigel Rees", "Evelyn Waugh"], "last": ["The Lord of the Rings"], "every": [8.95, 12.99, 8.99, 22.99, 19.95], "count": 4,
              "second": "Evelyn Waugh", "union": [8.95, 8.99], "regex": [8.95], "none": [] }
            """);
    }
}
