using System.Security;
using System.Text;

namespace Flowstate.Cli;

/// <summary>Makes an import directory a buildable executable whose `export --out OUT` writes the ASL back.</summary>
public static class ProjectWriter
{
    public const string FlowstateProject = "src/Flowstate/Flowstate.csproj";
    public const string GeneratorProject = "src/Flowstate.Generator/Flowstate.Generator.csproj";

    /// <summary>What <see cref="Write"/> did: the files written, and a warning for each isolation file it kept because the user's differs.</summary>
    public sealed record Result(IReadOnlyList<string> Written, IReadOnlyList<string> Warnings);

    /// <summary>
    /// Writes DIR/&lt;DirName&gt;.csproj, DIR/Program.cs and the files that isolate the project from
    /// the folders above it (<see cref="IsolationFiles"/>).
    /// </summary>
    public static Result Write(string directory, string directoryName, string rootNamespace, string? flowstateSourceRoot, string version)
    {
        var projectFile = Path.Combine(directory, (directoryName.Length == 0 ? "StateMachines" : directoryName) + ".csproj");
        var programFile = Path.Combine(directory, ProgramClassName + ".cs");
        File.WriteAllText(projectFile, ProjectText(directory, rootNamespace, flowstateSourceRoot, version), Utf8);
        File.WriteAllText(programFile, ProgramText, Utf8);
        var written = new List<string> { projectFile, programFile };
        var warnings = new List<string>();
        foreach (var (name, text) in IsolationFiles)
        {
            var path = Path.Combine(directory, name);
            // A file of the user's (an earlier import wrote exactly this text) is never overwritten.
            if (File.Exists(path) && !string.Equals(File.ReadAllText(path), text, StringComparison.Ordinal))
            {
                warnings.Add($"kept the existing {path}: it is not the one flowstate writes, so it decides how this project builds");
                continue;
            }
            File.WriteAllText(path, text, Utf8);
            written.Add(path);
        }
        return new Result(written, warnings);
    }

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private const string IsolationComment =
        "Written by flowstate import so that this project builds the same wherever it is: MSBuild uses the nearest file of this name, so this one stops the search for a parent folder's.";

    /// <summary>
    /// The files MSBuild, NuGet and the analyzers look for in every folder above a project: an empty
    /// one in the project folder ends each search, so a parent's settings (warnings as errors,
    /// central package management, imported targets, analyzer severities) do not reach the imported
    /// project. (global.json is not among them: the SDK is chosen from the working directory.)
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string Text)> IsolationFiles = new[]
    {
        ("Directory.Build.props", "<!-- " + IsolationComment + " -->\n<Project />\n"),
        ("Directory.Build.targets", "<!-- " + IsolationComment + " -->\n<Project />\n"),
        ("Directory.Packages.props", "<!-- " + IsolationComment + " Package versions are in the project file. -->\n<Project />\n"),
        ("Directory.Build.rsp", "# " + IsolationComment + "\n"),
        (".editorconfig", "# " + IsolationComment.Replace("MSBuild uses the nearest file of this name, so this one stops the search for a parent folder's", "root = true stops the search for a parent folder's .editorconfig") + "\nroot = true\n"),
    };

    /// <summary>The project's own source file is Program.cs; no imported class may take that file name.</summary>
    public const string ProgramClassName = "Program";

    public const string ProgramText =
        "// The entry point is generated: list, export --out DIR, graph (see Flowstate.Hosting.FlowstateConsole).\n" +
        "[assembly: Flowstate.FlowstateEntryPoint]\n";

    public static string ProjectText(string directory, string rootNamespace, string? flowstateSourceRoot, string version)
    {
        var sb = new StringBuilder();
        sb.Append("<Project Sdk=\"Microsoft.NET.Sdk\">\n");
        sb.Append("  <PropertyGroup>\n");
        sb.Append("    <OutputType>Exe</OutputType>\n");
        sb.Append("    <TargetFramework>net10.0</TargetFramework>\n");
        sb.Append("    <Nullable>enable</Nullable>\n");
        sb.Append("    <RootNamespace>").Append(SecurityElement.Escape(rootNamespace)).Append("</RootNamespace>\n");
        sb.Append("  </PropertyGroup>\n");
        sb.Append("  <ItemGroup>\n");
        if (flowstateSourceRoot is null)
        {
            sb.Append("    <PackageReference Include=\"Flowstate\" Version=\"").Append(SecurityElement.Escape(version)).Append("\" />\n");
            sb.Append("    <PackageReference Include=\"Flowstate.Generator\" Version=\"").Append(SecurityElement.Escape(version)).Append("\" PrivateAssets=\"all\" />\n");
        }
        else
        {
            // Relative paths keep the project movable together with the checkout.
            var flowstate = Relative(directory, Path.Combine(flowstateSourceRoot, FlowstateProject));
            var generator = Relative(directory, Path.Combine(flowstateSourceRoot, GeneratorProject));
            sb.Append("    <ProjectReference Include=\"").Append(SecurityElement.Escape(flowstate)).Append("\" />\n");
            sb.Append("    <ProjectReference Include=\"").Append(SecurityElement.Escape(generator)).Append("\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" />\n");
        }
        sb.Append("  </ItemGroup>\n");
        sb.Append("</Project>\n");
        return sb.ToString();
    }

    private static string Relative(string from, string to) => Path.GetRelativePath(from, Path.GetFullPath(to));
}
