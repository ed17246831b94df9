namespace ReadingTracker.Api.Persistence;

/// <summary>One node of a Cluster topology, for health: its host and a connection string that reaches it alone.</summary>
public sealed record ClusterNode(string Host, string ConnectionString);

/// <summary>
/// The Primary and (unless in single-master mode) the Secondary master. In the Cluster topology, Primary is the
/// whole cluster — one connection string that fails over between its nodes — and there is no Secondary.
/// </summary>
public sealed class Masters(MasterDatabase primary, MasterDatabase? secondary, IReadOnlyList<ClusterNode>? clusterNodes = null)
{
    public MasterDatabase Primary { get; } = primary;

    public MasterDatabase? Secondary { get; } = secondary;

    public bool IsSingleMaster => Secondary is null;

    /// <summary>The database replicates by itself (Database:Topology Cluster).</summary>
    public bool IsCluster => ClusterNodes.Count > 0;

    public IReadOnlyList<ClusterNode> ClusterNodes { get; } = clusterNodes ?? [];

    public IEnumerable<MasterDatabase> All => Secondary is null ? [Primary] : [Primary, Secondary];
}
