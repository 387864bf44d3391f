namespace Neurotag.Core.Recording;

/// <summary>The mean of one recorded series over one phase instance (a row of summary.csv).</summary>
/// <param name="Phase">Phase name.</param>
/// <param name="Rep">Repetition index.</param>
/// <param name="Instance">Index of the phase instance in the flattened protocol (row of phases.csv): tells apart two phases with the same name and rep.</param>
/// <param name="Kind">tag | population | weights | projection.</param>
/// <param name="Name">Tag, population or projection name.</param>
/// <param name="Metric">Metric name.</param>
/// <param name="Other">Second tag or block, empty otherwise.</param>
/// <param name="Value">The mean.</param>
/// <param name="Unit">Its unit and precision (those of the series it averages).</param>
public readonly record struct SummaryRow(string Phase, int Rep, int Instance, string Kind, string Name, string Metric, string Other, double Value, ValueUnit Unit);
