namespace Squad.Quality.Replay;

/// <summary>How many actions of one kind map exactly, with loss, or not at all.</summary>
internal sealed record KindFigures(string Kind, int Exact, int WithLoss, int NotExpressible)
{
    public int Total => Exact + WithLoss + NotExpressible;
}
