using System.Globalization;
using System.Text;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Stats;

/// <summary>
/// Groups instants by the reader's local calendar day inside the database, so a year of memos comes back as at most
/// 366 rows instead of one row per memo. The zone's UTC offset is constant between its transitions; the expression
/// adds the offset of the instant's stretch (a CASE over the transitions between <c>from</c> and <c>to</c>, none for a
/// zone without daylight saving) and divides by a day. The result is the local day's number counted from 1970-01-01.
/// </summary>
public sealed class LocalDays
{
    private const long DayMillis = 86_400_000;
    private const long Bias = 100_000; // days: any instant after 1696 stays positive once moved
    private static readonly DateOnly Epoch = new(1970, 1, 1);

    private readonly List<(long Until, long Offset)> _stretches = [];
    private readonly long _lastOffset;

    public LocalDays(TimeZoneInfo zone, long from, long to)
    {
        // A zone changes its offset at most a few times a year: stepping by day and searching the day in which the
        // offset changed finds every transition exactly without reading the zone's adjustment rules.
        var offset = OffsetAt(zone, from);
        for (var at = from; at < to; at += DayMillis)
        {
            var next = Math.Min(at + DayMillis, to);
            var nextOffset = OffsetAt(zone, next);
            if (nextOffset != offset)
            {
                var (lo, hi) = (at, next); // offset(lo) == offset, offset(hi) != offset
                while (hi - lo > 1)
                {
                    var mid = lo + ((hi - lo) / 2);
                    (lo, hi) = OffsetAt(zone, mid) == offset ? (mid, hi) : (lo, mid);
                }

                _stretches.Add((hi, offset));
                offset = OffsetAt(zone, hi);
            }
        }

        _lastOffset = offset;
    }

    /// <summary>The SQL of the local day number of <paramref name="column"/> (UTC milliseconds).</summary>
    public string Sql(string column, DatabaseProvider provider)
    {
        var shifted = new StringBuilder();
        if (_stretches.Count == 0)
        {
            shifted.Append(CultureInfo.InvariantCulture, $"{column} + {_lastOffset}");
        }
        else
        {
            shifted.Append("CASE");
            foreach (var (until, offset) in _stretches)
            {
                shifted.Append(CultureInfo.InvariantCulture, $" WHEN {column} < {until} THEN {column} + {offset}");
            }

            shifted.Append(CultureInfo.InvariantCulture, $" ELSE {column} + {_lastOffset} END");
        }

        // Integer division: SQLite's "/" on integers, MariaDB's DIV (its "/" answers a decimal). Both truncate toward
        // zero, so the instant is first moved past 1970 by a whole number of days (memos may date from 1900).
        var op = provider == DatabaseProvider.MySql ? "DIV" : "/";
        return $"(((({shifted}) + {Bias * DayMillis}) {op} {DayMillis}) - {Bias})";
    }

    public static DateOnly ToDate(long dayNumber) => Epoch.AddDays((int)dayNumber);

    public static long ToNumber(DateOnly date) => date.DayNumber - Epoch.DayNumber;

    private static long OffsetAt(TimeZoneInfo zone, long utcMillis) =>
        (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(utcMillis)).TotalMilliseconds;
}
