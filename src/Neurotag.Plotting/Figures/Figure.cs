using ScottPlot;

namespace Neurotag.Plotting.Figures;

/// <summary>
/// One figure file: ScottPlot panels placed on one canvas (stacked panels share their x axis by construction), plus
/// notes for the user (thinning, a stopped run, what was left out) that the figure also shows in its title.
/// </summary>
public sealed class Figure
{
    public Figure(string name, int width, int height)
    {
        Name = name;
        Width = width;
        Height = height;
    }

    /// <summary>File stem, e.g. <c>trajectories</c>; also what <c>--only</c> selects.</summary>
    public string Name { get; }

    /// <summary>Canvas width in pixels.</summary>
    public int Width { get; }

    /// <summary>Canvas height in pixels.</summary>
    public int Height { get; }

    /// <summary>The panels and where each goes on the canvas.</summary>
    public List<(Plot Plot, PixelRect Rect)> Panels { get; } = [];

    /// <summary>Remarks the figure shows and the command prints.</summary>
    public List<string> Notes { get; } = [];
}
