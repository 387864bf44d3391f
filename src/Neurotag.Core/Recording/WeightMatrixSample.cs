namespace Neurotag.Core.Recording;

/// <summary>
/// A projection's whole weight matrix at the end of a run (<c>record.save_weights</c>): row-major by postsynaptic
/// neuron, <see cref="Rows"/> × <see cref="Columns"/>, absent synapses 0 — the layout <c>weight: { file: … }</c> reads.
/// </summary>
public readonly record struct WeightMatrixSample(string Projection, int Rows, int Columns, ReadOnlyMemory<float> Weights);
