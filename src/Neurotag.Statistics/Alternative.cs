namespace Neurotag.Statistics;

/// <summary>The alternative hypothesis of a test about the first sample against the second.</summary>
public enum Alternative
{
    /// <summary>The first differs from the second (either way).</summary>
    TwoSided,

    /// <summary>The first is greater.</summary>
    Greater,

    /// <summary>The first is less.</summary>
    Less,
}
