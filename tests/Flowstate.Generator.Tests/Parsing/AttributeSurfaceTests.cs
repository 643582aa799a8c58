using System.Reflection;
using Flowstate.Core.Model;
using Flowstate.Generator.Parsing;

namespace Flowstate.Generator.Tests.Parsing;

/// <summary>
/// The attribute classes users write (the Flowstate assembly) against the generator's tables that
/// read them, both ways, by reflection: a property or enum member the generator does not know must
/// fail here instead of being silently ignored, and a table entry without its attribute property too.
/// </summary>
public class AttributeSurfaceTests
{
    private static readonly Assembly Dsl = typeof(Flowstate.StateMachineAttribute).Assembly;

    private static IEnumerable<Type> AttributeClasses()
        => Dsl.GetExportedTypes().Where(t => typeof(Attribute).IsAssignableFrom(t));

    [Fact]
    public void Every_enum_an_attribute_takes_is_spelled_member_by_member()
    {
        var enums = AttributeClasses()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.PropertyType)
                .Concat(t.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)))
            .Select(t => Nullable.GetUnderlyingType(t) ?? t)
            .Where(t => t.IsEnum && t.Assembly == Dsl)
            .Distinct()
            .ToList();
        Assert.NotEmpty(enums);
        foreach (var e in enums)
        {
            Assert.True(AttributeEnums.Spellings.TryGetValue(e.Name, out var spellings), $"enum {e.Name}: no spellings in AttributeEnums");
            Assert.Equal(Enum.GetNames(e).OrderBy(n => n, StringComparer.Ordinal), spellings!.Keys.OrderBy(n => n, StringComparer.Ordinal));
        }
        var stale = AttributeEnums.Spellings.Keys.Where(k => enums.All(e => e.Name != k)).ToList();
        Assert.True(stale.Count == 0, "AttributeEnums spells enums no attribute takes: " + string.Join(", ", stale));
    }

    private static readonly Type ServiceTask = Dsl.GetType("Flowstate.ServiceTaskAttribute", throwOnError: true)!;

    /// <summary>The properties a typed integration declares itself (up to, not including, ServiceTaskAttribute).</summary>
    private static IEnumerable<PropertyInfo> OwnProperties(Type attribute)
    {
        for (var t = attribute; t is not null && t != ServiceTask; t = t.BaseType)
            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                yield return p;
    }

    public static TheoryData<string> Integrations()
    {
        var data = new TheoryData<string>();
        foreach (var info in IntegrationCatalog.All) data.Add(info.AttributeName);
        return data;
    }

    [Theory]
    [MemberData(nameof(Integrations))]
    public void Every_catalog_parameter_is_a_property_of_its_attribute_with_a_matching_type(string attributeName)
    {
        var info = IntegrationCatalog.FindByAttribute(attributeName)!;
        var type = Dsl.GetType(info.MetadataName);
        Assert.True(type is not null, $"{info.MetadataName} does not exist in the Flowstate assembly");
        foreach (var p in info.Params)
        {
            var property = type!.GetProperty(p.Property);
            Assert.True(property is not null, $"{attributeName}.{p.Property} (catalog) is not a property of the attribute");
            var expected = p.Kind switch { ParamKind.Int => typeof(int), ParamKind.Bool => typeof(bool), _ => typeof(string) };
            Assert.Equal(expected, Nullable.GetUnderlyingType(property!.PropertyType) ?? property.PropertyType);
            if (p.PathProperty is { } path)
                Assert.True(type.GetProperty(path)?.PropertyType == typeof(string), $"{attributeName}.{path} (catalog path property) is not a string property");
        }
        if (info.ConstructorProperty is { } ctor)
            Assert.True(type!.GetProperty(ctor) is not null, $"{attributeName}.{ctor} (constructor property) is not a property");
    }

    /// <summary>Properties that are not payload keys, read by a parser of their own.</summary>
    private static readonly Dictionary<string, string[]> ReadElsewhere = new(StringComparer.Ordinal)
    {
        // [StartExecution(StateMachine = typeof(Other))]: the template wires the other machine's ARN (DeploymentParser).
        ["StartExecution"] = new[] { "StateMachine" },
    };

    [Theory]
    [MemberData(nameof(Integrations))]
    public void Every_property_of_a_typed_integration_is_in_the_catalog(string attributeName)
    {
        var info = IntegrationCatalog.FindByAttribute(attributeName)!;
        var type = Dsl.GetType(info.MetadataName)!;
        var known = info.Params.SelectMany(p => p.PathProperty is null ? new[] { p.Property } : new[] { p.Property, p.PathProperty })
            .Append(info.ConstructorProperty).Where(n => n is not null).ToHashSet(StringComparer.Ordinal);
        if (ReadElsewhere.TryGetValue(attributeName, out var elsewhere)) known.UnionWith(elsewhere);
        var unknown = OwnProperties(type).Select(p => p.Name).Where(n => !known.Contains(n)).ToList();
        Assert.True(unknown.Count == 0, $"{attributeName} declares properties the catalog does not map (the parser would ignore them): {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Every_typed_integration_attribute_has_a_catalog_entry()
    {
        var special = new[] { "AwsSdkAttribute" }; // [AwsSdk(service, action)] builds any aws-sdk resource itself (IntegrationCatalog.AwsSdkAttributeName)
        var missing = AttributeClasses()
            .Where(t => !t.IsAbstract && ServiceTask.IsAssignableFrom(t) && !special.Contains(t.Name))
            .Where(t => IntegrationCatalog.FindByAttribute(t.Name.Substring(0, t.Name.Length - "Attribute".Length)) is null)
            .Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, "typed integrations without a catalog entry: " + string.Join(", ", missing));
    }
}
