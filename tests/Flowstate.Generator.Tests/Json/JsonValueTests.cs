using Flowstate.Core.Json;
using JsonProperty = Flowstate.Core.Json.JsonProperty;

namespace Flowstate.Generator.Tests.Json;

public class JsonValueTests
{
    [Theory]
    [InlineData(2.0, "2")]
    [InlineData(-3.0, "-3")]
    [InlineData(-0.0, "0")]
    [InlineData(2.5, "2.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(1e20, "1E+20")]
    [InlineData(123456789012345.0, "123456789012345")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(1.0 / 3.0, "0.3333333333333333")]
    [InlineData(double.MaxValue, "1.7976931348623157E+308")]
    public void NumberFromDouble_Written_IsShortestRoundTripForm(double value, string expected)
    {
        var number = JsonValue.Number(value);

        Assert.Equal(expected, number.Text);
        Assert.Equal(value, double.Parse(number.Text!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(JsonReader.Parse(number.Text!).Success);
    }

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public bool NumberFromAnyFiniteDouble_ParsesBackToTheSameDouble(FsCheck.NormalFloat value)
    {
        var text = JsonValue.Number(value.Get).Text!;
        return JsonReader.Parse(text).Success
            && double.Parse(text, System.Globalization.CultureInfo.InvariantCulture) == value.Get
            && text.Length <= value.Get.ToString("R", System.Globalization.CultureInfo.InvariantCulture).Length + 1;
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NumberFromDouble_NonFinite_Throws(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonValue.Number(value));
    }

    [Fact]
    public void ValuesBuiltInCode_HaveNoSourceSpan()
    {
        var value = JsonValue.Object(new[] { new JsonProperty("a", JsonValue.String("x")) });

        Assert.Equal((-1, 0), (value.Offset, value.Length));
        Assert.Equal((-1, 0), (value.Properties[0].NameOffset, value.Properties[0].NameLength));
    }

    [Fact]
    public void ToString_IsCompactJson()
    {
        Assert.Equal("{\"a\":[1,\"x\",null]}", JsonReader.Parse("{ \"a\" : [ 1, \"x\", null ] }").Value!.ToString());
    }
}
