using Neurotag.Scenarios.Units;

namespace Neurotag.Scenarios.Compilation.Synapses;

/// <summary>The dimension a synaptic quantity was written in, for errors that name it.</summary>
internal static class SynapticDimensions
{
    /// <summary>The dimension of a well-formed quantity's unit, or null when the text is no quantity of any dimension.</summary>
    public static Dimension? Of(string text)
    {
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            if (QuantityParser.TryParse(text, dimension, out _, out _, out _))
            {
                return dimension;
            }
        }

        return null;
    }

    public static string Name(string text) => Of(text) is { } d ? QuantityParser.Name(d) : "quantity of another kind";
}
