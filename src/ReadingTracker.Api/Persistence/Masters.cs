namespace ReadingTracker.Api.Persistence;

/// <summary>The Primary and (unless in single-master mode) the Secondary master.</summary>
public sealed class Masters(MasterDatabase primary, MasterDatabase? secondary)
{
    public MasterDatabase Primary { get; } = primary;

    public MasterDatabase? Secondary { get; } = secondary;

    public bool IsSingleMaster => Secondary is null;

    public IEnumerable<MasterDatabase> All => Secondary is null ? [Primary] : [Primary, Secondary];
}
