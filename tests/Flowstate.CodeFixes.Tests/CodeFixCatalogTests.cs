using System.Collections.Immutable;
using System.Composition;
using System.Reflection;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Flowstate.CodeFixes.Tests.Support;
using Microsoft.CodeAnalysis.Text;

namespace Flowstate.CodeFixes.Tests;

/// <summary>Properties every code fix of the assembly must have, checked over all of them.</summary>
public class CodeFixCatalogTests
{
    private static readonly IReadOnlyList<CodeFixProvider> Providers = typeof(MissingNextOrEndCodeFix).Assembly.GetTypes()
        .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToList();

    [Fact]
    public void EveryProvider_IsExportedSharedAndSealed()
    {
        Assert.NotEmpty(Providers);
        foreach (var provider in Providers)
        {
            var type = provider.GetType();
            var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.True(export is not null, type.Name + " has no [ExportCodeFixProvider]");
            Assert.Equal(new[] { LanguageNames.CSharp }, export!.Languages);
            Assert.Equal(type.Name, export.Name);
            Assert.True(type.GetCustomAttribute<SharedAttribute>() is not null, type.Name + " is not [Shared]");
            Assert.True(type.IsSealed, type.Name + " is not sealed");
        }
    }

    [Fact]
    public void EveryFixableId_HasADescriptorAndOneProvider()
    {
        var ids = Providers.SelectMany(p => p.FixableDiagnosticIds).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (var id in ids)
            Assert.True(Descriptors.FindRule(id) is not null || Descriptors.DeclarationRules.Any(d => d.Id == id), id + " has no descriptor");
    }

    [Fact]
    public void EveryProvider_SupportsFixAll()
        => Assert.All(Providers, p => Assert.NotNull(p.GetFixAllProvider()));

    [Fact]
    public void EquivalenceKeys_AreUniqueAndNamedAfterTheirId()
    {
        var keys = typeof(MissingNextOrEndCodeFix).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.Name.EndsWith("Key", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.True(keys.Count >= Providers.Count);
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k => Assert.Matches(@"^FLOW\d{4}\.[A-Za-z]+$", k));
    }

    /// <summary>A machine using most constructs, full of problems, to aim diagnostics at.</summary>
    private const string Source = """"
        using Flowstate;

        namespace Demo;

        /// <summary>Doc.</summary>
        public class Outer
        {
            [StateMachine("orders", TimeoutSeconds = 3600)]
            [StartAt(typeof(Extract))]
            public class Orders
            {
                [LambdaInvoke("extract", PayloadPath = "$", Next = typeof(Fan), End = true, NextName = "Fan")]
                [Retry(StatesErrors.All, "Lambda.ServiceException"), Retry("States.Timout")]
                [Catch(typeof(Failed), StatesErrors.All, NextName = "Faild")]
                public class Extract;

                [Parallel(HeartbeatSeconds = 1)]
                public class Fan
                {
                    [Branch] public class Left { [Pass(Parameters = """{ "id": "$.id", "x.$": "order.id" }""")] public class L1; }
                }

                [Map(UseIterator = true, Parameters = "{}", NextName = "Chose")]
                public class Each { [Task("arn:aws:states:::sqs:sendMessage", TimeoutSeconds = 5, HeartbeatSeconds = 9)] public class Send; }

                [Choice(DefaultName = "Faild")]
                [When("$.ok == true", NextName = "Done")]
                public class Choose;

                [Fail("E", Error = "E")] public class Failed;
                [Succeed] public class Done;
            }
        }
        """";

    [Fact]
    public async Task EveryProvider_DiagnosticOnAnyToken_NeverThrows()
    {
        using var workspace = new AdhocWorkspace();
        var document = DirectFix.CreateDocument(workspace, Source);
        var root = (await document.GetSyntaxRootAsync())!;
        var spans = root.DescendantTokens().Select(t => t.Span)
            .Concat(root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax>().Select(a => a.Span))
            .Concat(new[] { new TextSpan(0, 0), new TextSpan(Source.Length, 0) })
            .ToList();
        var offered = 0;
        foreach (var provider in Providers)
        {
            foreach (var id in provider.FixableDiagnosticIds)
            {
                var descriptor = Descriptors.FindRule(id) ?? Descriptors.DeclarationRules.First(d => d.Id == id);
                foreach (var span in spans)
                {
                    var diagnostic = Diagnostic.Create(descriptor, Location.Create(root.SyntaxTree, span), "a", "b", "c", "d", "e", "f");
                    var actions = new List<CodeAction>();
                    var context = new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None);
                    await provider.RegisterCodeFixesAsync(context);
                    foreach (var action in actions)
                    {
                        // Computing the change must not throw either.
                        var operations = await action.GetOperationsAsync(CancellationToken.None);
                        Assert.NotEmpty(operations);
                        offered++;
                    }
                }
            }
        }
        // Syntax-driven fixes do find something to do at some of these positions.
        Assert.True(offered > 0);
    }
}
