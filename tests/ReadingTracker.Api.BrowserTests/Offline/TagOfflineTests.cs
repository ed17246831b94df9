using Dapper;
using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using ReadingTracker.Api.BrowserTests.Offline.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static ReadingTracker.Api.BrowserTests.Offline.Infrastructure.OfflineSteps;

namespace ReadingTracker.Api.BrowserTests.Offline;

/// <summary>
/// The reader's own tags offline (issue 14, ADR-013): create, rename, merge and delete made offline show at once on My
/// tags and after a reload offline, and reach both masters exactly once when the network is back; a tag created offline
/// can go on a memo written offline; a rename of a tag deleted meanwhile elsewhere shows as refused, with its reason.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TagOfflineTests(BrowserFixture fixture, OfflineServer server) : IClassFixture<OfflineServer>
{
    private const string Offline = "Offline: changes are saved on this device and sent when you are back online.";

    [Fact]
    public async Task CreateOffline_ShowsAtOnce_AndAfterAReloadOffline_ThenReachesBothMastersOnce()
    {
        var (page, userId, _) = await ReaderAsync();
        await OpenTagsOfflineAsync(page);

        await CreateAsync(page, "기차에서", "TOPIC");

        await Expect(Row(page, "기차에서")).ToContainTextAsync("Topic");
        await Expect(Waiting(page, "기차에서")).ToBeVisibleAsync();
        await Expect(page.Locator("#net-status")).ToHaveTextAsync($"⏳ 1 tag change waiting to sync · {Offline}");
        Assert.Equal("TAG", (await QueueAsync(page, userId)).Items().Single().GetProperty("type").GetString());
        await page.ReloadAsync();
        await Expect(Waiting(page, "기차에서")).ToBeVisibleAsync();
        Assert.Equal(0, await TagsOnBothAsync(userId, "name = '기차에서'"));

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        await Expect(Waiting(page, "기차에서")).ToHaveCountAsync(0);
        await Expect(Row(page, "기차에서")).ToHaveAttributeAsync("data-code", new System.Text.RegularExpressions.Regex("^u[0-9]+$"));
        Assert.Equal(1, await TagsOnBothAsync(userId, "name = '기차에서' AND category = 'TOPIC' AND deleted_at IS NULL"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RenameOffline_ShowsAtOnce_AndAfterAReloadOffline_ThenReachesBothMastersOnce()
    {
        var (page, userId, seeder) = await ReaderAsync();
        var code = await AddTagAsync(seeder, "처음 이름");
        await OpenTagsOfflineAsync(page);

        await Row(page, "처음 이름").GetByRole(AriaRole.Button, new() { Name = "Edit tag 처음 이름" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Edit tag" });
        await dialog.GetByLabel("Tag name").FillAsync("바뀐 이름");
        await dialog.GetByLabel("Category").SelectOptionAsync("TOPIC");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        await Expect(Row(page, "바뀐 이름")).ToContainTextAsync("Topic");
        await Expect(Row(page, "처음 이름")).ToHaveCountAsync(0);
        await Expect(Waiting(page, "바뀐 이름")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(Waiting(page, "바뀐 이름")).ToBeVisibleAsync();
        Assert.Equal(1, await TagsOnBothAsync(userId, "name = '처음 이름'"));

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        await Expect(Waiting(page, "바뀐 이름")).ToHaveCountAsync(0);
        Assert.Equal(1, await TagsOnBothAsync(userId, $"code = '{code}' AND name = '바뀐 이름' AND category = 'TOPIC'"));
        Assert.Equal(1, await TagsOnBothAsync(userId, "1 = 1"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task MergeOffline_ShowsAtOnce_AndAfterAReloadOffline_ThenMovesTheMemosOnce()
    {
        var (page, userId, seeder) = await ReaderAsync();
        var book = await seeder.AddBookAsync("Merge Book", 200, "Reading", 10);
        var code = await AddTagAsync(seeder, "합칠 태그");
        var memo = await seeder.AddMemoAsync(book, "합쳐질 메모", PageActions.TodayAt(5), tags: [code]);
        await OpenTagsOfflineAsync(page);

        await Row(page, "합칠 태그").GetByRole(AriaRole.Button, new() { Name = "Merge tag 합칠 태그" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Merge into").SelectOptionAsync("quote");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Merge", Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        await Expect(Row(page, "합칠 태그")).ToHaveCountAsync(0);
        await Expect(page.Locator("#net-status")).ToHaveTextAsync($"⏳ 1 tag change waiting to sync · {Offline}");
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My tags", Level = 1 })).ToBeVisibleAsync();
        await Expect(Row(page, "합칠 태그")).ToHaveCountAsync(0);
        Assert.Equal(1, await TagsOnBothAsync(userId, "deleted_at IS NULL"));

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        Assert.Equal(1, await TagsOnBothAsync(userId, $"code = '{code}' AND deleted_at IS NOT NULL"));
        var tags = (await seeder.GetAsync($"/api/v1/memos/{memo}")).GetProperty("tags").EnumerateArray().Select(t => t.GetString());
        Assert.Equal(["quote"], tags);
        Assert.Equal(1, await CountOnBothAsync("SELECT COUNT(*) FROM memo_tags WHERE memo_id = @id", memo));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DeleteOffline_ShowsAtOnce_AndAfterAReloadOffline_ThenReachesBothMastersOnce()
    {
        var (page, userId, seeder) = await ReaderAsync();
        var code = await AddTagAsync(seeder, "지울 태그");
        await AddTagAsync(seeder, "남을 태그");
        await OpenTagsOfflineAsync(page);

        await Row(page, "지울 태그").GetByRole(AriaRole.Button, new() { Name = "Delete tag 지울 태그" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Delete tag" });
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();

        await Expect(Row(page, "지울 태그")).ToHaveCountAsync(0);
        await Expect(Row(page, "남을 태그")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(Row(page, "남을 태그")).ToBeVisibleAsync();
        await Expect(Row(page, "지울 태그")).ToHaveCountAsync(0);
        Assert.Equal(2, await TagsOnBothAsync(userId, "deleted_at IS NULL"));

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        Assert.Equal(1, await TagsOnBothAsync(userId, $"code = '{code}' AND deleted_at IS NOT NULL"));
        Assert.Equal(1, await TagsOnBothAsync(userId, "deleted_at IS NULL"));
        Assert.Single((await QueueAsync(page, userId)).Items(), i => i.GetProperty("type").GetString() == "TAG");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ATagCreatedOffline_OnAMemoWrittenOffline_BothArrive_AndTheMemoCarriesTheServersCode()
    {
        var (page, userId, seeder) = await ReaderAsync();
        await seeder.AddBookAsync("Tagged Book", 200, "Reading", 10);
        await page.ReloadAsync();
        await OpenTagsOfflineAsync(page);
        await CreateAsync(page, "오프라인 태그", "TYPE");
        await Expect(Waiting(page, "오프라인 태그")).ToBeVisibleAsync();

        await page.GotoAsync("/#/flow");
        await Expect(page.Locator("#flow-date")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Write a memo", Exact = true }).ClickAsync();
        var editor = page.GetByRole(AriaRole.Form, new() { Name = "Write a memo" });
        await editor.GetByLabel("Page").FillAsync("21");
        await editor.GetByLabel("Memo").FillAsync("새 태그를 단 메모");
        await editor.GetByRole(AriaRole.Checkbox, new() { Name = "오프라인 태그" }).ClickAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(editor).ToBeHiddenAsync();
        await Expect(MemoCards(page).Filter(new() { HasText = "새 태그를 단 메모" }).Locator(".tag").Filter(new() { HasText = "오프라인 태그" })).ToBeVisibleAsync();
        await Expect(page.Locator("#net-status")).ToHaveTextAsync($"⏳ 1 memo waiting to sync · 1 tag change waiting to sync · {Offline}");
        var temp = (await QueueAsync(page, userId)).Items().Single(i => i.GetProperty("type").GetString() == "TAG").GetProperty("data").GetProperty("code").GetString();
        Assert.StartsWith("local-tag-", temp, StringComparison.Ordinal);
        // The new tag's page, offline: only this device's memo carries it yet.
        await page.GotoAsync($"/#/tag/{temp}");
        await Expect(page.Locator(".tag-memos").GetByRole(AriaRole.Article).Filter(new() { HasText = "새 태그를 단 메모" })).ToHaveCountAsync(1);

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        var code = await CodeOnBothAsync(userId, "오프라인 태그");
        Assert.Equal(1, await CountOnBothAsync(
            "SELECT COUNT(*) FROM memo_tags mt JOIN memo m ON m.id = mt.memo_id JOIN tags t ON t.id = mt.tag_id WHERE m.user_id = @id AND m.content = '새 태그를 단 메모' AND t.name = '오프라인 태그'", userId));
        Assert.Equal(1, await CountOnBothAsync("SELECT COUNT(*) FROM memo WHERE user_id = @id", userId));
        var local = (await LocalMemosAsync(page, userId)).Items().Single();
        Assert.Equal([code], local.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        await page.GotoAsync("/#/flow");
        await Expect(MemoCards(page).Filter(new() { HasText = "새 태그를 단 메모" }).Locator(".tag").Filter(new() { HasText = "오프라인 태그" })).ToBeVisibleAsync();
        // The temporary code's page is now the server code's.
        await page.GotoAsync($"/#/tag/{temp}");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#/tag/{code}$"));
        await Expect(page.Locator(".tag-memos").GetByRole(AriaRole.Article).Filter(new() { HasText = "새 태그를 단 메모" })).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RenameOffline_OfATagAnotherDeviceDeleted_TheDeleteWins_AndTheRenameShowsRefusedWithItsReason()
    {
        var (page, userId, seeder) = await ReaderAsync();
        var code = await AddTagAsync(seeder, "곧 사라질");
        await OpenTagsOfflineAsync(page);
        await Row(page, "곧 사라질").GetByRole(AriaRole.Button, new() { Name = "Edit tag 곧 사라질" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Edit tag" });
        await dialog.GetByLabel("Tag name").FillAsync("새 이름");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Waiting(page, "새 이름")).ToBeVisibleAsync();
        // Meanwhile another device deletes the tag.
        await seeder.DeleteAsync($"/api/v1/tags/mine/{code}");

        await page.Context.SetOfflineAsync(false);
        var refused = page.Locator(".tag-row [data-sync='failed']");
        await Expect(refused).ToContainTextAsync("Not renamed: No such tag of yours.");
        await Expect(PageActions.Toast(page, "⚠️ 1 tag change was not accepted.")).ToBeVisibleAsync();
        Assert.Equal("FAILED", (await QueueAsync(page, userId)).Items().Single().GetProperty("status").GetString());
        Assert.Equal(1, await TagsOnBothAsync(userId, $"code = '{code}' AND name = '곧 사라질' AND deleted_at IS NOT NULL"));

        await refused.GetByRole(AriaRole.Button, new() { Name = "Discard" }).ClickAsync();
        await Expect(page.Locator(".tag-row")).ToHaveCountAsync(0);
        Assert.Empty((await QueueAsync(page, userId)).Items());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task InKorean_TheQueuedTagChange_IsToldInKorean()
    {
        using var seeder = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
        var context = await fixture.Browser.NewContextAsync(new()
        {
            BaseURL = server.Url, Locale = "ko-KR", TimezoneId = "Asia/Seoul", ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => fixture.ConsoleErrors.Add(error);
        await page.GotoAsync("/#/login");
        await page.GetByLabel("아이디").FillAsync(seeder.LoginId);
        await page.GetByLabel("비밀번호", new() { Exact = true }).FillAsync(ApiSeeder.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "로그인", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "내 서재", Level = 1 })).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        var userId = await UserIdAsync(page);
        await page.GotoAsync("/#/tags");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "내 태그", Level = 1 })).ToBeVisibleAsync();
        await page.Context.SetOfflineAsync(true);

        var form = page.Locator("form.tags-new");
        await form.GetByLabel("태그 이름").FillAsync("지하철");
        await form.GetByRole(AriaRole.Button, new() { Name = "태그 추가" }).ClickAsync();

        await Expect(PageActions.Toast(page, "이 기기에 저장했습니다. 연결되면 전송됩니다.")).ToBeVisibleAsync();
        await Expect(Row(page, "지하철").Locator("[data-sync='pending']")).ToContainTextAsync("동기화 대기 중");
        await Expect(page.Locator("#net-status")).ToHaveTextAsync("⏳ 전송 대기 중인 태그 변경 1건 · 오프라인: 변경 내용은 이 기기에 저장되고 연결되면 전송됩니다.");

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        Assert.Equal(1, await TagsOnBothAsync(userId, "name = '지하철'"));
        await context.CloseAsync();
    }

    [Fact]
    public async Task TheTagPage_OpensOffline_WithTheCachedMemos_AndAMemoWrittenOffline()
    {
        var (page, userId, seeder) = await ReaderAsync();
        var book = await seeder.AddBookAsync("Tag Page Book", 200, "Reading", 10);
        var code = await AddTagAsync(seeder, "페이지 태그");
        await seeder.AddMemoAsync(book, "서버에 있던 메모", PageActions.TodayAt(3), tags: [code]);
        await page.ReloadAsync();
        await page.GotoAsync($"/#/tag/{code}");
        await Expect(page.Locator(".tag-memos").GetByRole(AriaRole.Article)).ToHaveCountAsync(1);

        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync("/#/flow");
        await Expect(page.Locator("#flow-date")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Write a memo", Exact = true }).ClickAsync();
        var editor = page.GetByRole(AriaRole.Form, new() { Name = "Write a memo" });
        await editor.GetByLabel("Page").FillAsync("30");
        await editor.GetByLabel("Memo").FillAsync("오프라인에서 쓴 메모");
        await editor.GetByRole(AriaRole.Checkbox, new() { Name = "페이지 태그" }).ClickAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(editor).ToBeHiddenAsync();
        // The save is done once its memo shows in the flow; the tag page is on screen before it is reloaded (a fragment
        // navigation only settles when the app drew its route: reloading earlier could reload the flow).
        await Expect(MemoCards(page).Filter(new() { HasText = "오프라인에서 쓴 메모" })).ToBeVisibleAsync();
        await page.GotoAsync($"/#/tag/{code}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tag: 페이지 태그", Level = 1 })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tag: 페이지 태그", Level = 1 })).ToBeVisibleAsync();

        var cards = page.Locator(".tag-memos").GetByRole(AriaRole.Article);
        await Expect(cards).ToHaveCountAsync(2);
        await Expect(cards.Filter(new() { HasText = "서버에 있던 메모" })).ToBeVisibleAsync();
        await Expect(cards.Filter(new() { HasText = "오프라인에서 쓴 메모" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Offline: showing the memos saved on this device.", new() { Exact = false })).ToBeVisibleAsync();
        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        await page.Context.CloseAsync();
    }

    private static ILocator Row(IPage page, string name) =>
        page.Locator(".tag-row").Filter(new() { Has = page.Locator(".tag-name", new() { HasTextString = name }) });

    private static ILocator Waiting(IPage page, string name) => Row(page, name).Locator("[data-sync='pending']").GetByText("Waiting to sync");

    private static async Task CreateAsync(IPage page, string name, string category)
    {
        var form = page.Locator("form.tags-new");
        await form.GetByLabel("Tag name").FillAsync(name);
        await form.GetByLabel("Category").SelectOptionAsync(category);
        await form.GetByRole(AriaRole.Button, new() { Name = "Add tag" }).ClickAsync();
        await Expect(PageActions.Toast(page, "Saved on this device. It will be sent when you are back online.")).ToBeVisibleAsync();
    }

    /// <summary>Opens My tags online (the list is remembered), then goes offline and opens it again from the start.</summary>
    private static async Task OpenTagsOfflineAsync(IPage page)
    {
        await page.GotoAsync("/#/tags");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My tags", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".tag-rows, #tags-mine + p")).Not.ToHaveCountAsync(0);
        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My tags", Level = 1 })).ToBeVisibleAsync();
    }

    private static async Task<string> AddTagAsync(ApiSeeder seeder, string name, string category = "TYPE") =>
        (await seeder.PostAsync("/api/v1/tags/mine", new { name, category })).GetProperty("code").GetString()!;

    private async Task<(IPage Page, long UserId, ApiSeeder Seeder)> ReaderAsync()
    {
        var seeder = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
        var page = await OpenAsync(fixture, server, seeder.LoginId);
        return (page, await UserIdAsync(page), seeder);
    }

    private Task<long> TagsOnBothAsync(long userId, string where) =>
        CountOnBothAsync("SELECT COUNT(*) FROM tags WHERE owner_user_id = @id AND " + where, userId);

    private Task<string> CodeOnBothAsync(long userId, string name) =>
        server.OnBothAsync(c => c.QuerySingleAsync<string>("SELECT code FROM tags WHERE owner_user_id = @userId AND name = @name", new { userId, name }));

    private Task<long> CountOnBothAsync(string sql, long id) => server.OnBothAsync(c => c.ExecuteScalarAsync<long>(sql, new { id }));
}
