using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Neurotag.Scenarios.Compilation.Projections;

/// <summary>
/// Reads a weight matrix for <c>weight: { file: … }</c>: a CSV of numbers (one row per postsynaptic neuron, one
/// column per presynaptic neuron, comma-separated, no header: the format <c>save_weights</c> writes), or a NumPy
/// <c>.npy</c> array (format versions 1–3; little-endian float32 or float64, 2-D, C order). Every problem is a
/// diagnostic at the file itself, row and column 1-based, naming the expected shape.
/// </summary>
internal static partial class WeightFileReader
{
    /// <summary>The matrix (row-major, rows × cols), or null with the problems added to <paramref name="errors"/>.</summary>
    public static float[]? Read(string file, string shownAs, string path, int rows, int cols, double min, double max, List<Diagnostic> errors)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new Diagnostic(shownAs, 1, 1, path, "cannot read the weight file: " + e.Message, "the path is relative to the scenario file's folder"));
            return null;
        }

        string shape = SchemaReader.Inv($"{rows} × {cols} (rows: postsynaptic neurons, columns: presynaptic neurons)");
        var values = file.EndsWith(".npy", StringComparison.OrdinalIgnoreCase)
            ? ReadNpy(bytes, shownAs, path, rows, cols, shape, errors)
            : ReadCsv(bytes, shownAs, path, rows, cols, shape, errors);
        if (values is null)
        {
            return null;
        }

        for (int k = 0; k < values.Length; k++)
        {
            float v = values[k];
            int row = (k / cols) + 1, col = (k % cols) + 1;
            if (!float.IsFinite(v))
            {
                errors.Add(new Diagnostic(shownAs, row, col, path, SchemaReader.Inv($"weight at row {row}, column {col} is {v}, expected a finite number"), "weights must be finite"));
                return null;
            }

            if (v < min || v > max)
            {
                errors.Add(new Diagnostic(shownAs, row, col, path, SchemaReader.Inv($"weight {v} at row {row}, column {col} lies outside [min, max] = [{min}, {max}]"), "widen the bounds ('min:', 'max:' or 'signed: true') or fix the file"));
                return null;
            }
        }

        return values;
    }

    private static float[]? ReadCsv(byte[] bytes, string file, string path, int rows, int cols, string shape, List<Diagnostic> errors)
    {
        var lines = Encoding.UTF8.GetString(bytes).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        if (lines.Length != rows)
        {
            errors.Add(new Diagnostic(file, Math.Min(lines.Length, rows) + 1, 1, path, SchemaReader.Inv($"the file has {lines.Length} rows, expected {shape}"), "one line per postsynaptic neuron"));
            return null;
        }

        var values = new float[(long)rows * cols];
        for (int r = 0; r < rows; r++)
        {
            var cells = lines[r].Split(',');
            if (cells.Length != cols)
            {
                errors.Add(new Diagnostic(file, r + 1, Math.Min(cells.Length, cols) + 1, path, SchemaReader.Inv($"row {r + 1} has {cells.Length} columns, expected {shape}"), "one comma-separated number per presynaptic neuron"));
                return null;
            }

            for (int c = 0; c < cols; c++)
            {
                if (!double.TryParse(cells[c].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                {
                    errors.Add(new Diagnostic(file, r + 1, c + 1, path, SchemaReader.Inv($"row {r + 1}, column {c + 1}: '{cells[c].Trim()}' is not a number"), "plain decimal numbers, e.g. 0.25 or -1e-3"));
                    return null;
                }

                values[((long)r * cols) + c] = (float)v;
            }
        }

        return values;
    }

    private static float[]? ReadNpy(byte[] bytes, string file, string path, int rows, int cols, string shape, List<Diagnostic> errors)
    {
        void Fail(string message, string hint) => errors.Add(new Diagnostic(file, 1, 1, path, message, hint));

        const string hint = "save with numpy.save(path, matrix.astype('<f8')) from a 2-D C-ordered array";
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
        {
            Fail("not a .npy file (no \\x93NUMPY magic)", hint);
            return null;
        }

        int major = bytes[6];
        int headerLength, headerStart;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
            headerStart = 10;
        }
        else if (major is 2 or 3 && bytes.Length >= 12)
        {
            headerLength = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)), int.MaxValue);
            headerStart = 12;
        }
        else
        {
            Fail(SchemaReader.Inv($".npy format version {major} is not supported (1, 2 or 3)"), hint);
            return null;
        }

        if ((long)headerStart + headerLength > bytes.Length)
        {
            Fail("the .npy header is truncated", hint);
            return null;
        }

        string header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);
        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var dims = ShapePattern().Match(header);
        int width = descr.Success ? descr.Groups[1].Value switch { "<f4" => 4, "<f8" => 8, _ => 0 } : 0;
        if (width == 0)
        {
            Fail(SchemaReader.Inv($"dtype {(descr.Success ? descr.Groups[1].Value : "?")} is not supported: expected little-endian float32 ('<f4') or float64 ('<f8')"), hint);
            return null;
        }

        if (!fortran.Success || fortran.Groups[1].Value != "False")
        {
            Fail("the array is in Fortran order; expected C order", "numpy.save(path, numpy.ascontiguousarray(matrix))");
            return null;
        }

        var sizes = dims.Success ? dims.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        if (sizes.Length != 2 || sizes[0] != rows.ToString(CultureInfo.InvariantCulture) || sizes[1] != cols.ToString(CultureInfo.InvariantCulture))
        {
            Fail(SchemaReader.Inv($"the array has shape ({(dims.Success ? dims.Groups[1].Value.Trim() : "?")}), expected {shape}"), "one row per postsynaptic neuron, one column per presynaptic neuron");
            return null;
        }

        long count = (long)rows * cols;
        int data = headerStart + headerLength;
        if (bytes.Length - data != count * width)
        {
            Fail(SchemaReader.Inv($"the data holds {bytes.Length - data} bytes, expected {count * width} for {shape} values of {width} bytes"), hint);
            return null;
        }

        var values = new float[count];
        for (long k = 0; k < count; k++)
        {
            int at = (int)(data + (k * width));
            values[k] = width == 4 ? BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(at)) : (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(at));
        }

        return values;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
