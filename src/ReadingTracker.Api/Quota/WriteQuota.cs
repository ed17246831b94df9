using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ReadingTracker.Api.Quota;

/// <summary>
/// Rows each user stored in the last minute, in one-second slots. Hand-written rather than a
/// System.Threading.RateLimiting limiter because those read the system clock (tests could not step a
/// FakeTimeProvider through a minute) and their fixed window reports the whole window as Retry-After instead of
/// the time until enough rows age out. In-process: with several server instances each counts its own share.
/// </summary>
public sealed class WriteQuota(IOptions<WriteQuotaOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<long, UserSlots> _users = new();
    private long _lastSweep;

    /// <summary>
    /// Counts <paramref name="rows"/> for the user, or, when they would take the last minute over the quota,
    /// counts nothing and answers how long until they fit.
    /// </summary>
    public TimeSpan? TryCharge(long userId, int rows)
    {
        var limit = options.Value.WriteRowsPerMinute;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        SweepIdleUsers(now);
        var slots = _users.GetOrAdd(userId, _ => new UserSlots());
        lock (slots)
        {
            return slots.TryCharge(now, Math.Min(rows, limit), limit);
        }
    }

    /// <summary>Once a minute, forget users who wrote nothing for a minute, so the table holds active writers only.</summary>
    private void SweepIdleUsers(long now)
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (now - last < Window.TotalMilliseconds || Interlocked.CompareExchange(ref _lastSweep, now, last) != last)
        {
            return;
        }

        foreach (var (userId, slots) in _users)
        {
            lock (slots)
            {
                if (slots.IsIdle(now))
                {
                    _users.TryRemove(userId, out _);
                }
            }
        }
    }

    private sealed class UserSlots
    {
        private readonly Queue<Slot> _slots = new();
        private Slot? _newest;
        private int _total;

        public bool IsIdle(long now)
        {
            Expire(now);
            return _total == 0;
        }

        public TimeSpan? TryCharge(long now, int rows, int limit)
        {
            Expire(now);
            if (_total + rows <= limit)
            {
                var second = now / 1000;
                if (_newest?.Second != second)
                {
                    _newest = new Slot(second);
                    _slots.Enqueue(_newest);
                }

                _newest.Rows += rows;
                _total += rows;
                return null;
            }

            // The oldest slots age out first: wait until enough of their rows have.
            var excess = _total + rows - limit;
            var freed = 0;
            foreach (var slot in _slots)
            {
                freed += slot.Rows;
                if (freed >= excess)
                {
                    return TimeSpan.FromMilliseconds(Math.Max(1, slot.EndsAt - now));
                }
            }

            return Window;
        }

        private void Expire(long now)
        {
            while (_slots.Count > 0 && _slots.Peek().EndsAt <= now)
            {
                _total -= _slots.Dequeue().Rows;
            }

            if (_slots.Count == 0)
            {
                _newest = null;
            }
        }
    }

    /// <summary>The rows stored in one second; they count until a minute after that second ends.</summary>
    private sealed class Slot(long second)
    {
        public long Second { get; } = second;

        public int Rows { get; set; }

        public long EndsAt => ((Second + 1) * 1000) + (long)Window.TotalMilliseconds;
    }
}
