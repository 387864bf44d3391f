using SkiaSharp;

namespace Neurotag.Plotting.Figures;

/// <summary>Image formats of figure files.</summary>
public enum FigureFormat
{
    /// <summary>PNG through SkiaSharp.</summary>
    Png,

    /// <summary>SVG (text stays text).</summary>
    Svg,
}

/// <summary>
/// Renders a <see cref="Figure"/>'s panels onto one canvas and writes it as PNG or SVG: to a temporary name in the
/// target folder first, renamed into place when complete, so a figure file is never half-written.
/// </summary>
public static class FigureWriter
{
    /// <summary>The file extension of <paramref name="format"/>, with the dot.</summary>
    public static string Extension(FigureFormat format) => format == FigureFormat.Svg ? ".svg" : ".png";

    /// <summary>Writes <paramref name="figure"/> into <paramref name="directory"/> as NAME.png or NAME.svg; returns the path.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static string Write(Figure figure, string directory, FigureFormat format)
    {
        ArgumentNullException.ThrowIfNull(figure);
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, figure.Name + Extension(format));
        string temp = Path.Combine(directory, $".{figure.Name}{Extension(format)}.tmp-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                if (format == FigureFormat.Svg)
                {
                    WriteSvg(figure, stream);
                }
                else
                {
                    WritePng(figure, stream);
                }
            }

            File.Move(temp, path, overwrite: true);
            return path;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Renders the figure as PNG bytes.</summary>
    public static byte[] Png(Figure figure)
    {
        using var stream = new MemoryStream();
        WritePng(figure, stream);
        return stream.ToArray();
    }

    /// <summary>Renders the figure as SVG text.</summary>
    public static string Svg(Figure figure)
    {
        using var stream = new MemoryStream();
        WriteSvg(figure, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WritePng(Figure figure, Stream stream)
    {
        using var surface = SKSurface.Create(new SKImageInfo(figure.Width, figure.Height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"SkiaSharp could not create a {figure.Width}×{figure.Height} surface");
        Draw(figure, surface.Canvas);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        data.SaveTo(stream);
    }

    private static void WriteSvg(Figure figure, Stream stream)
    {
        // The SVG canvas writes its document when disposed, so it must be gone before the stream is closed.
        using var wrapper = new SKManagedWStream(stream, disposeManagedStream: false);
        using (var canvas = SKSvgCanvas.Create(SKRect.Create(figure.Width, figure.Height), wrapper))
        {
            Draw(figure, canvas);
        }

        wrapper.Flush();
    }

    private static void Draw(Figure figure, SKCanvas canvas)
    {
        canvas.Clear(SKColors.White);
        foreach (var (plot, rect) in figure.Panels)
        {
            // Panels share one canvas: a panel must not clear what the others drew.
            plot.RenderManager.ClearCanvasBeforeEachRender = false;
            canvas.Save();
            canvas.ClipRect(new SKRect(rect.Left, rect.Top, rect.Right, rect.Bottom));
            plot.Render(canvas, rect);
            canvas.Restore();
        }
    }
}
