namespace Squad.Quality.Replay;

/// <summary>How well one published action is expressed through Squad's tools.</summary>
internal enum Fidelity
{
    /// <summary>The same effect, and the same information back to the agent (perhaps in another layout or in more calls).</summary>
    Exact,

    /// <summary>Expressible, but something is lost or added: an extra call, an address that must be turned into quoted text.</summary>
    WithLoss,

    /// <summary>Not expressible through any of Squad's tools.</summary>
    NotExpressible,
}
