namespace Neurotag.Core.Specs;

/// <summary>How an Izhikevich population advances v and u over one step dt.</summary>
public enum IzhikevichMethod
{
    /// <summary>
    /// Forward Euler on v and u together from the old state, then the spike test on the new v (reset in the same
    /// step). The default.
    /// </summary>
    Euler,

    /// <summary>
    /// The scheme of Izhikevich's own published code (Izhikevich 2003, IEEE TNN 14:1569, appendix MATLAB; spnet.cpp,
    /// Izhikevich 2006): at the start of the step a neuron with v ≥ v_peak fires (v ← c, u ← u + d); then v takes
    /// two Euler half-steps of dt/2, each with the old u, and u one Euler step of dt using the NEW v. Defined there
    /// for dt = 1 ms (two 0.5 ms half-steps); other dt use two half-steps of dt/2, as NEST's izhikevich model does
    /// with consistent_integration = false.
    /// </summary>
    Izhikevich,
}
