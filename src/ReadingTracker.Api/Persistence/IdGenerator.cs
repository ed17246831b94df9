namespace ReadingTracker.Api.Persistence;

/// <summary>
/// Decides every row id before the write, so both masters store the same id. 41 bits of milliseconds
/// since 2025-01-01, a 5-bit worker number and a 7-bit sequence: 53 bits, so ids stay exact as JSON numbers
/// (&lt; 2^53) for about 69 years, and grow with time like an auto-increment would. The worker number keeps the
/// ids of several server instances apart within one millisecond: each instance claims its own
/// (<see cref="IdWorkerSlot"/>); until it has, a random one makes a collision unlikely rather than impossible.
/// </summary>
public sealed class IdGenerator(TimeProvider time)
{
    public const int Workers = 1 << WorkerBits;

    private const int WorkerBits = 5;
    private const int SequenceBits = 7;
    private const long MaxSequence = (1L << SequenceBits) - 1;
    private static readonly long Epoch = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private readonly Lock _lock = new();
    private long _lastMillis = -1;
    private long _sequence;

    public int Worker { get; private set; } = Random.Shared.Next(Workers);

    public void UseWorker(int worker)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(worker);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(worker, Workers);
        lock (_lock)
        {
            Worker = worker;
        }
    }

    public long NextId()
    {
        lock (_lock)
        {
            var millis = Math.Max(time.GetUtcNow().ToUnixTimeMilliseconds() - Epoch, _lastMillis);
            if (millis == _lastMillis)
            {
                _sequence++;
                if (_sequence > MaxSequence)
                {
                    // 128 ids in one millisecond: borrow the next millisecond rather than wait for it.
                    millis++;
                    _sequence = 0;
                }
            }
            else
            {
                _sequence = 0;
            }

            _lastMillis = millis;
            return (((millis << WorkerBits) | (long)Worker) << SequenceBits) | _sequence;
        }
    }
}
