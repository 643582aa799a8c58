using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Flowstate.Core.Deployment;
using Flowstate.Core.Model;
using Flowstate.Generator.Diagnostics;
using Flowstate.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Flowstate.Generator;

/// <summary>
/// The template writer's findings about whole stacks (FLOW7012 too many resources, FLOW7013 template too
/// large, FLOW7014 template needs an S3 upload, FLOW7018 duplicate logical id), placed in the source: a
/// stack's finding on its [assembly: FlowstateStack] (else on its first machine's class), a machine's on
/// its class, a topic's, bucket's or parameter's on its [assembly: Flowstate*] declaration. Value-equatable:
/// positions are <see cref="SourceRef"/>s.
/// </summary>
internal sealed record StackDiagnostics(EquatableArray<DiagnosticInfo> Diagnostics)
{
    private static readonly StackDiagnostics None = new(default(EquatableArray<DiagnosticInfo>));

    public static StackDiagnostics Locate(FlowstateGenerator.StackTemplates stacks, Compilation compilation, CancellationToken cancellationToken)
    {
        if (stacks.Stacks.All(s => s.Findings.Count == 0)) return None;
        try
        {
            var found = new List<DiagnosticInfo>();
            foreach (var stack in stacks.Stacks)
                foreach (var finding in stack.Findings)
                    foreach (var site in finding.Sites)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        found.Add(new DiagnosticInfo(finding.Id, Find(site, compilation), finding.MessageArgs));
                    }
            return new StackDiagnostics(found.ToEquatableArray());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never throw from the generator: report what is known, without a position.
            return new StackDiagnostics(stacks.Stacks.SelectMany(s => s.Findings).Select(f => new DiagnosticInfo(f.Id, default, f.MessageArgs)).ToEquatableArray());
        }
    }

    public void Report(SourceProductionContext context)
    {
        foreach (var d in Diagnostics)
        {
            if (Descriptors.Find(d.Id) is not { } descriptor) continue;
            var location = d.Location.IsKnown
                ? Location.Create(d.Location.FilePath!, new TextSpan(d.Location.Start, d.Location.Length),
                    new LinePositionSpan(new LinePosition(d.Location.StartLine, d.Location.StartColumn), new LinePosition(d.Location.EndLine, d.Location.EndColumn)))
                : Location.None;
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, d.MessageArgs.Select(a => (object?)a).ToArray()));
        }
    }

    private static SourceRef Find(StackSite site, Compilation compilation)
    {
        switch (site.Kind)
        {
            case StackSiteKind.Stack:
                return AssemblyAttribute(compilation, "Flowstate.FlowstateStackAttribute", site.Name) is { IsKnown: true } stack
                    ? stack
                    : site.Fallback is { } machine ? Class(compilation, machine) : default;
            case StackSiteKind.Machine:
                return Class(compilation, site.Name);
            case StackSiteKind.Topic:
                return AssemblyAttribute(compilation, "Flowstate.FlowstateTopicAttribute", site.Name);
            case StackSiteKind.Bucket:
                return AssemblyAttribute(compilation, "Flowstate.FlowstateBucketAttribute", site.Name);
            case StackSiteKind.Parameter:
                return AssemblyAttribute(compilation, "Flowstate.FlowstateParameterAttribute", site.Name);
            default:
                return default;
        }
    }

    /// <summary>The class's name in its first declaration.</summary>
    private static SourceRef Class(Compilation compilation, string metadataName)
    {
        var type = compilation.GetTypeByMetadataName(metadataName);
        var location = type?.Locations.FirstOrDefault(l => l.IsInSource);
        return location?.SourceTree is { } tree ? SourceRefs.From(tree, location.SourceSpan) : default;
    }

    /// <summary>The [assembly: X("name", ...)] whose first argument is <paramref name="name"/>.</summary>
    private static SourceRef AssemblyAttribute(Compilation compilation, string attributeMetadataName, string name)
    {
        foreach (var a in compilation.Assembly.GetAttributes())
        {
            if (!string.Equals(a.AttributeClass?.ToDisplayString(), attributeMetadataName, StringComparison.Ordinal)) continue;
            if (a.ConstructorArguments.Length == 0 || a.ConstructorArguments[0].Value is not string value || !string.Equals(value, name, StringComparison.Ordinal)) continue;
            if (a.ApplicationSyntaxReference is { } reference) return SourceRefs.From(reference.GetSyntax());
        }
        return default;
    }
}
