namespace Tarnfui.Webhook.Admission;

/// <summary>
/// The request-body bytes that all <c>/mutate</c> requests together may be reading and deciding at once. A request
/// reserves its declared length before it reads a byte and gives it back when it is answered; one that does not fit
/// is refused at once, never queued: waiting requests would hold their buffered bodies too.
/// </summary>
internal sealed class BodyBudget(long capacity)
{
    private long _inFlight;

    /// <summary>The most bytes reserved at once.</summary>
    public long Capacity { get; } = capacity >= 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must not be negative");

    /// <summary>The bytes reserved now.</summary>
    public long InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Reserves <paramref name="bytes"/> if they fit beside what is reserved; never waits.</summary>
    /// <returns>True when reserved: the caller must <see cref="Release"/> them.</returns>
    public bool TryReserve(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        while (true)
        {
            var current = Volatile.Read(ref _inFlight);
            if (bytes > Capacity - current)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _inFlight, current + bytes, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Gives back bytes that <see cref="TryReserve"/> reserved.</summary>
    public void Release(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Interlocked.Add(ref _inFlight, -bytes);
    }
}
