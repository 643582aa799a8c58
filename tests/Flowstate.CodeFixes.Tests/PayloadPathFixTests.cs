using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.CodeFixes.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Verify = Flowstate.CodeFixes.Tests.Support.FixTest<Flowstate.CodeFixes.PayloadPathCodeFix>;

namespace Flowstate.CodeFixes.Tests;

public class PayloadPathFixTests
{
    [Fact]
    public Task PathUnderPlainKeyInRegularLiteral_Fix_AddsDollarSuffixToKey()
        => Verify.VerifyAsync(DiagnosticIds.PathWithoutDollarKey,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Parameters = "{\"id\": {|FLOW3009:\"$.order.id\"|}, \"kind\": \"order\"}", End = true)] public class P;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Parameters = "{\"id.$\": \"$.order.id\", \"kind\": \"order\"}", End = true)] public class P;
            }
            """);

    [Fact]
    public Task PathUnderPlainKeyInVerbatimLiteral_Fix_AddsDollarSuffixToKey()
        => Verify.VerifyAsync(DiagnosticIds.PathWithoutDollarKey,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Parameters = @"{""input"": {|FLOW3009:""$.execution.input""|}}", End = true)] public class P;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Parameters = @"{""input.$"": ""$.execution.input""}", End = true)] public class P;
            }
            """);

    [Fact]
    public Task TwoPathsInRawLiteral_FixAll_RenamesBothKeysAndKeepsTheLayout()
        => Verify.VerifyAsync(DiagnosticIds.PathWithoutDollarKey,
            """"
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(End = true, Parameters = """
                    {
                      "id": {|FLOW3009:"$.order.id"|},
                      "nested": { "first": {|FLOW3009:"$.items[0]"|} },
                      "text": "plain"
                    }
                    """)]
                public class P;
            }
            """",
            """"
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(End = true, Parameters = """
                    {
                      "id.$": "$.order.id",
                      "nested": { "first.$": "$.items[0]" },
                      "text": "plain"
                    }
                    """)]
                public class P;
            }
            """");

    [Fact]
    public Task PathInTypedIntegrationJsonProperty_Fix_EditsThatProperty()
        => Verify.VerifyAsync(DiagnosticIds.PathWithoutDollarKey,
            """"
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [GlueStartJobRun("transform", JobArguments = """{ "--input_path": {|FLOW3009:"$.extract.path"|} }""", End = true)]
                public class Transform;
            }
            """",
            """"
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [GlueStartJobRun("transform", JobArguments = """{ "--input_path.$": "$.extract.path" }""", End = true)]
                public class Transform;
            }
            """");

    [Fact]
    public Task DollarKeyWithPathMissingDollar_Fix_AddsDollarDot()
        => Verify.VerifyAsync(DiagnosticIds.DollarKeyNotPath,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Parameters = "{\"id.$\": {|FLOW3004:\"order.id\"|}}", End = true)] public class P;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Parameters = "{\"id.$\": \"$.order.id\"}", End = true)] public class P;
            }
            """);

    [Fact]
    public Task DollarKeysWithDotAndIndexPaths_FixAll_AddsDollarOnly()
        => Verify.VerifyAsync(DiagnosticIds.DollarKeyNotPath,
            """"
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true, Parameters = """
                    { "a.$": {|FLOW3004:".order.id"|}, "b.$": {|FLOW3004:"[0].name"|} }
                    """)]
                public class Send;
            }
            """",
            """"
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true, Parameters = """
                    { "a.$": "$.order.id", "b.$": "$[0].name" }
                    """)]
                public class Send;
            }
            """");

    [Theory]
    [InlineData("hello world")]
    [InlineData("Execution.Id")]
    [InlineData("order")]
    [InlineData("arn:aws:s3:::bucket")]
    public Task DollarKeyWithValueThatIsNotAMemberChain_Fix_NotOffered(string value)
        => Verify.VerifyNoFixAsync(DiagnosticIds.DollarKeyNotPath,
            $$$"""
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Parameters = "{\"id.$\": {|FLOW3004:\"{{{value}}}\"|}}", End = true)] public class P;
            }
            """);

    // Two keys with the same value: the fix must take the member from the diagnostic's own span and
    // message, not the first match in the literal.
    [Theory]
    [InlineData("\"$.b\"")]
    [InlineData("$.b")]
    public async Task TwoKeysWithTheSameValue_Fix_RenamesTheKeyTheDiagnosticIsAbout(string marked)
    {
        const string Source = """"
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(End = true, Parameters = """{ "a": "$.b", "c": "$.b" }""")] public class P;
            }
            """";
        using var workspace = new AdhocWorkspace();
        var document = DirectFix.CreateDocument(workspace, Source);
        var second = Source.LastIndexOf(marked, StringComparison.Ordinal);
        var diagnostic = DirectFix.Diagnostic(document, DiagnosticIds.PathWithoutDollarKey, new TextSpan(second, marked.Length), "c", "Parameters", "state 'P'", "$.b");

        var action = Assert.Single(await DirectFix.ActionsAsync(new PayloadPathCodeFix(), document, diagnostic));
        Assert.Equal("Rename 'c' to 'c.$' to select $.b", action.Title);
        Assert.Equal(Source.Replace("\"c\": ", "\"c.$\": "), await DirectFix.ApplyAsync(action, document));
    }
}
