using ScottPlot;
using SkiaSharp;

namespace Neurotag.Plotting.Figures;

/// <summary>
/// Shared look of every figure: one sans-serif font, sizes, colours, and fixed paddings so stacked panels line up.
/// The font is resolved once: DejaVu Sans (Debian's fonts-dejavu-core) through the system, then by file path,
/// then whatever sans font the system has. With no font at all SkiaSharp draws no text, so the figures keep their
/// lines and points, and <see cref="FontProblem"/> tells the user which package to install.
/// </summary>
public static class FigureStyle
{
    /// <summary>Left padding of every panel (room for tick labels and the axis label).</summary>
    public const float LeftPadding = 86;

    /// <summary>Right padding of time panels (room for the legend outside the data).</summary>
    public const float RightPadding = 200;

    private static readonly Lazy<(string Font, string? Problem)> Resolved = new(Resolve);

    /// <summary>Tableau-like palette for series (colour-blind aware ordering).</summary>
    public static readonly Color[] Series =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#ff7f0e"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#17becf"),
        Color.FromHex("#bcbd22"), Color.FromHex("#7f7f7f"),
    ];

    /// <summary>Pale fills for phase bands, by distinct phase name.</summary>
    public static readonly Color[] Bands =
    [
        Color.FromHex("#4e79a7"), Color.FromHex("#f28e2b"), Color.FromHex("#59a14f"), Color.FromHex("#b07aa1"),
        Color.FromHex("#edc948"), Color.FromHex("#76b7b2"), Color.FromHex("#ff9da7"), Color.FromHex("#9c755f"),
    ];

    /// <summary>Excitatory blue, inhibitory red, unknown grey.</summary>
    public static Color Excitatory { get; } = Color.FromHex("#1f5fa8");

    /// <summary>Inhibitory red.</summary>
    public static Color Inhibitory { get; } = Color.FromHex("#c8322d");

    /// <summary>Pass green.</summary>
    public static Color Pass { get; } = Color.FromHex("#1a9641");

    /// <summary>Fail red.</summary>
    public static Color Fail { get; } = Color.FromHex("#d7191c");

    /// <summary>The font family every text uses.</summary>
    public static string Font => Resolved.Value.Font;

    /// <summary>Why text may be missing from the figures (no usable font), or null when a font was found.</summary>
    public static string? FontProblem => Resolved.Value.Problem;

    /// <summary>A new panel with the shared font, sizes and padding.</summary>
    public static Plot NewPanel(float right = RightPadding, float top = 28, float bottom = 44)
    {
        var plot = new Plot();
        plot.Font.Set(Font);
        plot.Axes.Bottom.Label.FontSize = 13;
        plot.Axes.Left.Label.FontSize = 13;
        plot.Axes.Title.Label.FontSize = 14;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 11;
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        plot.Legend.FontSize = 11;
        plot.Legend.FontName = Font;
        plot.Layout.Fixed(new PixelPadding(LeftPadding, right, bottom, top));
        return plot;
    }

    /// <summary>Series colour <paramref name="k"/>.</summary>
    public static Color SeriesColor(int k) => Series[((k % Series.Length) + Series.Length) % Series.Length];

    private static (string Font, string? Problem) Resolve()
    {
        const string Preferred = "DejaVu Sans";
        if (HasGlyphs(Preferred))
        {
            return (Preferred, null);
        }

        foreach (string file in (string[])["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf"])
        {
            if (File.Exists(file))
            {
                Fonts.AddFontFile(Preferred, file, bold: false, italic: false);
                return (Preferred, null);
            }
        }

        string fallback = Fonts.Sans;
        return HasGlyphs(fallback, exact: false)
            ? (fallback, null)
            : (fallback, "no usable font was found, so the figures have no text (labels, ticks, legends); install one, e.g. 'apt-get install fonts-dejavu-core' on Debian or Ubuntu");
    }

    private static bool HasGlyphs(string family, bool exact = true)
    {
        using var typeface = SKFontManager.Default.MatchFamily(family);
        return typeface is not null && typeface.GlyphCount > 0 && (!exact || string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase));
    }
}
