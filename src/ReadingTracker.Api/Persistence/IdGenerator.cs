namespace ReadingTracker.Api.Persistence;

/// <summary>
/// Decides every row id before the write, so both masters store the same id. 41 bits of milliseconds
/// since 2025-01-01 and a 12-bit sequence: 53 bits, so ids stay exact as JSON numbers (&lt; 2^53) for
/// about 69 years, and grow with time like an auto-increment would.
/// </summary>
public sealed class IdGenerator(TimeProvider time)
{
    private const int SequenceBits = 12;
    private const long MaxSequence = (1L << SequenceBits) - 1;
    private static readonly long Epoch = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private readonly Lock _lock = new();
    private long _lastMillis = -1;
    private long _sequence;

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
                    // 4096 ids in one millisecond: borrow the next millisecond rather than wait for it.
                    millis++;
                    _sequence = 0;
                }
            }
            else
            {
                _sequence = 0;
            }

            _lastMillis = millis;
            return (millis << SequenceBits) | _sequence;
        }
    }
}
