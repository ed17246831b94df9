using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Tests.Architecture;

/// <summary>
/// The folders of the server form layers: when Persistence uses Recovery, Recovery must not use Persistence, not
/// even through a third folder. A cycle means neither folder can be read or changed without the other.
/// </summary>
public sealed class FolderCycleTests
{
    [Fact]
    public void NoTwoFolders_UseEachOther()
    {
        var graph = FolderGraph.Of(typeof(ApiException).Assembly, "ReadingTracker.Api");

        var cycles = graph.Cycles();

        Assert.True(cycles.Count == 0, "Folders that use each other:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void TheGraph_SeesUses_InSignaturesAndInMethodBodies()
    {
        var graph = FolderGraph.Of(typeof(ApiException).Assembly, "ReadingTracker.Api");

        // A handler's parameters (signature) and the DualWriter calls inside its body.
        Assert.Contains("Persistence", graph.Edges["Memos"].Keys);
        Assert.Contains("Http", graph.Edges["Memos"].Keys);
    }

    [Fact]
    public void Cycles_NameEveryUseThatClosesOne_WithTheWayBack()
    {
        var graph = new FolderGraph("X");
        graph.Add("A", "B", "A1 uses B1");
        graph.Add("B", "C", "B1 uses C1");
        graph.Add("C", "A", "C1 uses A1");
        graph.Add("C", "D", "C1 uses D1");

        var cycles = graph.Cycles();

        Assert.Equal(
        [
            "A → B (A1 uses B1), and back: B → C (B1 uses C1), C → A (C1 uses A1)",
            "B → C (B1 uses C1), and back: C → A (C1 uses A1), A → B (A1 uses B1)",
            "C → A (C1 uses A1), and back: A → B (A1 uses B1), B → C (B1 uses C1)",
        ], cycles);
    }
}
