using System.Security;
using System.Text;

namespace Flowstate.Cli;

/// <summary>Makes an import directory a buildable executable whose `export --out OUT` writes the ASL back.</summary>
public static class ProjectWriter
{
    public const string FlowstateProject = "src/Flowstate/Flowstate.csproj";
    public const string GeneratorProject = "src/Flowstate.Generator/Flowstate.Generator.csproj";

    /// <summary>Writes DIR/&lt;DirName&gt;.csproj and DIR/Program.cs; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string directory, string directoryName, string rootNamespace, string? flowstateSourceRoot, string version)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var projectFile = Path.Combine(directory, (directoryName.Length == 0 ? "StateMachines" : directoryName) + ".csproj");
        var programFile = Path.Combine(directory, ProgramClassName + ".cs");
        File.WriteAllText(projectFile, ProjectText(directory, rootNamespace, flowstateSourceRoot, version), utf8);
        File.WriteAllText(programFile, ProgramText, utf8);
        return new[] { projectFile, programFile };
    }

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
