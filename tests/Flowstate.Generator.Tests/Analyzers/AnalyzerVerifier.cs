using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using Flowstate.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Flowstate.Generator.Tests.Analyzers;

/// <summary>
/// <see cref="StateMachineAnalyzer"/> under Microsoft.CodeAnalysis.Testing: the source is marked up
/// with <c>{|FLOWnnnn:text|}</c>, every marked span must get exactly that diagnostic and nothing else
/// may be reported, and the source must compile.
/// </summary>
/// <remarks>
/// <para>References: the targeting pack (ref/net10.0) of the SDK that built the tests, found through
/// the MSBuild property NetCoreTargetingPackRoot baked into this assembly, plus Flowstate.dll. Nothing
/// is downloaded, so the tests run offline and start fast; ReferenceAssemblies.Net.Net80 would fetch
/// Microsoft.NETCore.App.Ref from NuGet on first use.</para>
/// <para>Three suggestions fire on most realistic machines (FLOW6001 Lambda retrier, FLOW6002 Task
/// timeout, FLOW6003 Choice default), and so do the findings about the role the stack template derives
/// from the Tasks (FLOW7120 widened to "*", FLOW7121 guessed SDK action, FLOW7122 nothing derived: test
/// machines leave out resources a real one names); they are not checked unless the markup or <c>check</c>
/// names them, so each test reads as the one rule it is about.</para>
/// </remarks>
internal static class AnalyzerVerifier
{
    public const string Usings = "using Flowstate;\nnamespace Demo;\n";

    private static readonly string[] s_noise = { "FLOW6001", "FLOW6002", "FLOW6003", "FLOW7120", "FLOW7121", "FLOW7122" };

    private static readonly Regex s_markupIds = new(@"\{\|(FLOW\d{4}):", RegexOptions.CultureInvariant);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    /// <summary>Verifies <paramref name="markup"/> (prefixed with <see cref="Usings"/>); <paramref name="check"/> adds ids to verify even when the markup has none.</summary>
    public static Task VerifyAsync(string markup, params string[] check) => VerifyAsync(markup, editorConfig: null, check);

    public static Task VerifyAsync(string markup, string? editorConfig, params string[] check)
    {
        var test = Create(Usings + markup, check);
        if (editorConfig is not null) test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorConfig));
        return test.RunAsync();
    }

    /// <summary>A configured test, for cases that need more files or options.</summary>
    public static Test Create(string source, params string[] check)
    {
        var test = new Test { TestCode = source };
        var verified = new HashSet<string>(s_markupIds.Matches(source).Select(m => m.Groups[1].Value).Concat(check), StringComparer.Ordinal);
        foreach (var id in s_noise)
            if (!verified.Contains(id)) test.DisabledDiagnostics.Add(id);
        return test;
    }

    public sealed class Test : CSharpAnalyzerTest<StateMachineAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0");
            TestState.AdditionalReferences.AddRange(s_references.Value);
            // JSONPath context paths are written $$.Execution...; "$$" is not a caret here.
            MarkupOptions = MarkupOptions.TreatPositionIndicatorsAsCode;
        }
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var metadata = typeof(AnalyzerVerifier).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        var root = metadata.GetValueOrDefault("NetCoreTargetingPackRoot");
        if (string.IsNullOrEmpty(root)) throw new InvalidOperationException("NetCoreTargetingPackRoot was not recorded at build time");
        var packs = Path.Combine(root, "Microsoft.NETCore.App.Ref");
        var bundled = metadata.GetValueOrDefault("BundledNETCoreAppPackageVersion") ?? "";
        var versionDir = Directory.Exists(Path.Combine(packs, bundled))
            ? Path.Combine(packs, bundled)
            : Directory.GetDirectories(packs).OrderBy(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version(0, 0), Comparer<Version>.Default).Last();
        var refDir = Path.Combine(versionDir, "ref", "net10.0");
        if (!Directory.Exists(refDir)) throw new InvalidOperationException($"no reference assemblies in {refDir}");
        return Directory.GetFiles(refDir, "*.dll")
            .Append(typeof(Flowstate.StateMachineAttribute).Assembly.Location)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
