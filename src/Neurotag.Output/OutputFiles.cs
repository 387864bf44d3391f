namespace Neurotag.Output;

/// <summary>
/// The CSV files of a run folder that the scenario's <c>record</c> section asked for.
/// A file named here is written with its header row even when it receives no rows;
/// a file not named here is written only if at least one row is sent to it.
/// </summary>
[Flags]
public enum OutputFiles
{
    /// <summary>No file is created up front.</summary>
    None = 0,

    /// <summary><c>tags.csv</c>: <c>t_ms,phase,rep,tag,metric,other,value,unit</c>.</summary>
    Tags = 1,

    /// <summary><c>populations.csv</c>: <c>t_ms,phase,rep,population,metric,value,unit</c>.</summary>
    Populations = 2,

    /// <summary><c>weights.csv</c>: <c>t_ms,phase,rep,projection,from,to,mean,std,min,max,count</c>.</summary>
    Weights = 4,

    /// <summary><c>weight_hist.csv</c>: <c>t_ms,phase,rep,projection,bin_lo,bin_hi,count</c>.</summary>
    WeightHistogram = 8,

    /// <summary><c>summary.csv</c>: <c>phase,rep,instance,kind,name,metric,other,value,unit</c>.</summary>
    Summary = 16,

    /// <summary><c>spikes.csv</c>: <c>t_ms,phase,rep,population,neuron</c>.</summary>
    Spikes = 32,

    /// <summary><c>state.csv</c>: <c>t_ms,phase,rep,population,neuron,variable,value,unit</c>.</summary>
    State = 64,

    /// <summary><c>phases.csv</c>: <c>phase,rep,instance,start_ms,end_ms,kind,steps</c> (every run writes it).</summary>
    Phases = 128,
}
