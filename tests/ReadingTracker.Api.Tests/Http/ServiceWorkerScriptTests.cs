using Microsoft.Extensions.FileProviders;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Tests.Http;

public sealed class ServiceWorkerScriptTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("rt-webroot-");

    public ServiceWorkerScriptTests()
    {
        File.WriteAllText(Path.Combine(_root.FullName, "sw.js"), "import './js/a.js';\nconst SHELL_VERSION = 'unversioned';\nconst CACHE = 'rt-shell-' + SHELL_VERSION;\n");
        Directory.CreateDirectory(Path.Combine(_root.FullName, "js"));
        File.WriteAllText(Path.Combine(_root.FullName, "js", "a.js"), "export const a = 1;\n");
    }

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Render_PutsTheClientsHashInPlaceOfTheLiteral_AndLeavesTheRestAlone()
    {
        using var files = new PhysicalFileProvider(_root.FullName);
        var version = ServiceWorkerScript.ClientVersion(files);

        var script = ServiceWorkerScript.Render(files);

        Assert.Matches("^[0-9a-f]{12}$", version);
        Assert.Equal($"import './js/a.js';\nconst SHELL_VERSION = '{version}';\nconst CACHE = 'rt-shell-' + SHELL_VERSION;\n", script);
    }

    [Fact]
    public void ClientVersion_IsStableForTheSameFiles_AndChangesWithAnyFileOrName()
    {
        var first = Version();
        Assert.Equal(first, Version());

        File.WriteAllText(Path.Combine(_root.FullName, "js", "a.js"), "export const a = 2;\n");
        var edited = Version();
        Assert.NotEqual(first, edited);

        File.Move(Path.Combine(_root.FullName, "js", "a.js"), Path.Combine(_root.FullName, "js", "b.js"));
        Assert.NotEqual(edited, Version());
    }

    [Fact]
    public void Render_WithoutAServiceWorker_SaysWhatIsMissing()
    {
        File.Delete(Path.Combine(_root.FullName, "sw.js"));
        using var files = new PhysicalFileProvider(_root.FullName);

        var error = Assert.Throws<FileNotFoundException>(() => ServiceWorkerScript.Render(files));
        Assert.Contains("service worker", error.Message, StringComparison.Ordinal);
    }

    private string Version()
    {
        using var files = new PhysicalFileProvider(_root.FullName);
        return ServiceWorkerScript.ClientVersion(files);
    }
}
