using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Screens;

/// <summary>
/// Tags (issue 13): the reader's own tags (create, edit name and category, merge, delete — by keyboard, errors
/// in place), a tag page across days with "Load more", own tags by name on chips, and the flow's Topic view
/// showing Topic tags only. Desktop in English, phone in Korean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TagsTests(BrowserFixture fixture)
{
    private static readonly Dictionary<string, Dictionary<string, string>> Words = new()
    {
        ["en"] = new()
        {
            ["noTopic"] = "No topic tag", ["character"] = "Character", ["plot"] = "Plot", ["summary"] = "Summary", ["myTags"] = "My tags", ["name"] = "Tag name",
            ["category"] = "Category", ["add"] = "Add tag", ["topic"] = "Topic", ["type"] = "Type", ["edit"] = "Edit tag", ["save"] = "Save", ["merge"] = "Merge",
            ["into"] = "Merge into", ["delete"] = "Delete", ["deleteTitle"] = "Delete tag", ["more"] = "Load more", ["shown"] = "memos shown", ["profile"] = "Profile",
        },
        ["ko"] = new()
        {
            ["noTopic"] = "주제 태그 없음", ["character"] = "인물/캐릭터", ["plot"] = "스토리/플롯", ["summary"] = "요약", ["myTags"] = "내 태그", ["name"] = "태그 이름",
            ["category"] = "분류", ["add"] = "태그 추가", ["topic"] = "주제", ["type"] = "유형", ["edit"] = "태그 수정", ["save"] = "저장", ["merge"] = "합치기",
            ["into"] = "합칠 대상", ["delete"] = "삭제", ["deleteTitle"] = "태그 삭제", ["more"] = "더 보기", ["shown"] = "표시", ["profile"] = "프로필",
        },
    };

    private async Task<IPage> OpenAsync(ApiSeeder reader, string language, int width)
    {
        var page = await fixture.NewPageAsync(width: width, height: width < 600 ? 780 : 900);
        await PageActions.LoginAsync(page, reader.LoginId);
        if (language == "ko")
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "한국어 (Change language)" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "내 서재", Level = 1 })).ToBeVisibleAsync();
        }

        return page;
    }

    [Theory]
    [InlineData("en", 1280)]
    [InlineData("ko", 390)]
    public async Task TopicView_ShowsTopicTagsOnly_AMemoWithoutOneGoesUnderNoTopicTag(string language, int width)
    {
        var w = Words[language];
        using var reader = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var book = await reader.AddBookAsync("토픽 책", 300, "Reading", 5);
        await reader.AddMemoAsync(book, "인물과 인용", PageActions.TodayAt(30), page: 6, tags: ["quote", "character"]);
        await reader.AddMemoAsync(book, "요약뿐", PageActions.TodayAt(20), page: 7, tags: ["summary"]);
        await reader.AddMemoAsync(book, "줄거리", PageActions.TodayAt(10), page: 8, tags: ["plot"], tagCategory: "TOPIC");
        var page = await OpenAsync(reader, language, width);

        await page.GotoAsync("/#/flow?mode=TAG&tagCategory=TOPIC");
        var groups = page.Locator(".flow-list .group-title");
        await Expect(groups).ToHaveTextAsync([w["character"], w["plot"], w["noTopic"]]);
        await Expect(page.Locator(".flow-list")).ToContainTextAsync("요약뿐");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en", 1280)]
    [InlineData("ko", 390)]
    public async Task MyTags_CreateEditMergeDelete_ByKeyboard_WithErrorsInPlace_AndChipsShowTheirNames(string language, int width)
    {
        var w = Words[language];
        using var reader = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var book = await reader.AddBookAsync("태그 책", 300, "Reading", 5);
        var page = await OpenAsync(reader, language, width);

        await page.GetByRole(AriaRole.Link, new() { Name = w["profile"] }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = w["myTags"], Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = w["myTags"], Level = 1 })).ToBeVisibleAsync();

        var form = page.Locator("form.tags-new");
        await form.GetByLabel(w["name"]).FillAsync("밑줄 문장");
        await form.GetByLabel(w["category"]).SelectOptionAsync("TOPIC");
        await form.GetByLabel(w["name"]).PressAsync("Enter");
        var rows = page.Locator(".tag-row");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First.GetByRole(AriaRole.Link)).ToHaveTextAsync("밑줄 문장");

        // The same name again in the same category: the server's 409 shows in the form, nothing is added.
        await form.GetByLabel(w["name"]).FillAsync("밑줄 문장");
        await form.GetByLabel(w["name"]).PressAsync("Enter");
        await Expect(form.GetByRole(AriaRole.Alert)).Not.ToBeEmptyAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await form.GetByLabel(w["name"]).FillAsync("두 번째");
        await form.GetByLabel(w["name"]).PressAsync("Enter");
        await Expect(rows).ToHaveCountAsync(2);

        // A memo with the own tag shows it by name.
        var underline = rows.Filter(new() { HasText = "밑줄 문장" });
        var code = await underline.GetAttributeAsync("data-code");
        var memo = await reader.AddMemoAsync(book, "내 태그가 붙은 메모", PageActions.TodayAt(5), page: 9, tags: [code!], tagCategory: "TOPIC");
        await page.GotoAsync("/#/flow");
        await Expect(page.Locator(".flow-list .tag").Filter(new() { HasText = "밑줄 문장" })).ToBeVisibleAsync();

        // Edit: name and category, from the keyboard.
        await page.GotoAsync("/#/tags");
        await underline.GetByRole(AriaRole.Button, new() { Name = w["edit"].Contains("Edit", StringComparison.Ordinal) ? "Edit tag 밑줄 문장" : "밑줄 문장 태그 수정" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = w["edit"] });
        await dialog.GetByLabel(w["name"]).FillAsync("좋은 문장");
        await dialog.GetByLabel(w["category"]).SelectOptionAsync("TYPE");
        await dialog.GetByLabel(w["name"]).PressAsync("Enter");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.Locator(".tag-row").Filter(new() { HasText = "좋은 문장" })).ToContainTextAsync(w["type"]);

        // Merge it into the built-in Character tag: the memo carries Character instead.
        var renamed = page.Locator(".tag-row").Filter(new() { HasText = "좋은 문장" });
        await renamed.GetByRole(AriaRole.Button, new() { Name = w["merge"], Exact = false }).ClickAsync();
        var merge = page.GetByRole(AriaRole.Dialog);
        await merge.GetByLabel(w["into"]).SelectOptionAsync("character");
        await merge.GetByRole(AriaRole.Button, new() { Name = w["merge"], Exact = true }).ClickAsync();
        await Expect(merge).ToBeHiddenAsync();
        await Expect(rows).ToHaveCountAsync(1);
        var merged = await reader.GetAsync($"/api/v1/memos/{memo}");
        Assert.Equal(["character"], merged.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        // Delete behind a confirmation whose Cancel has the focus.
        await rows.First.GetByRole(AriaRole.Button, new() { Name = w["delete"], Exact = false }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = w["deleteTitle"] });
        await Expect(confirm.GetByRole(AriaRole.Button).First).ToBeFocusedAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = w["delete"], Exact = true }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en", 1280)]
    [InlineData("ko", 390)]
    public async Task TagPage_ShowsEveryMemoOfTheTagAcrossDays_NewestFirst_AndLoadsMore(string language, int width)
    {
        var w = Words[language];
        using var reader = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var book = await reader.AddBookAsync("태그 페이지 책", 400, "Reading", 5);
        for (var i = 0; i < 33; i++)
        {
            await reader.AddMemoAsync(book, $"인물 메모 {i:D2}", $"2026-01-{1 + (i % 20):D2}T{10 + (i / 20)}:00:00", page: 10 + i, tags: ["character"], tagCategory: "TOPIC");
        }

        await reader.AddMemoAsync(book, "다른 태그", "2026-01-05T09:00:00", page: 5, tags: ["plot"], tagCategory: "TOPIC");
        var page = await OpenAsync(reader, language, width);

        await page.GotoAsync("/#/tag/character");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(w["character"]);
        var cards = page.Locator(".tag-memos").GetByRole(AriaRole.Article);
        await Expect(cards).ToHaveCountAsync(30);
        Assert.True(await page.Locator(".tag-day").CountAsync() > 1);
        await Expect(page.Locator(".tag-memos")).Not.ToContainTextAsync("다른 태그");
        await page.GetByRole(AriaRole.Button, new() { Name = w["more"] }).ClickAsync();
        await Expect(cards).ToHaveCountAsync(33);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = w["more"] })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = w["shown"] })).ToContainTextAsync("33");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OwnTagsFromAnotherDevice_NameTheFlowsTopicGroups_AndATagMadeAfterThePageReadItsList_HasItsPage()
    {
        using var reader = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var book = await reader.AddBookAsync("다른 기기 책", 300, "Reading", 5);
        var early = (await reader.PostAsync("/api/v1/tags/mine", new { name = "먼저 만든 태그", category = "TOPIC" })).GetProperty("code").GetString()!;
        await reader.AddMemoAsync(book, "먼저 단 메모", PageActions.TodayAt(30), page: 6, tags: [early], tagCategory: "TOPIC");
        var page = await OpenAsync(reader, "en", 1280);

        // The flow may be drawn before this device has the list of own tags: its groups follow the list when it arrives.
        await page.GotoAsync("/#/flow?mode=TAG&tagCategory=TOPIC");
        var groups = page.Locator(".flow-list .group-title");
        await Expect(groups).ToHaveTextAsync(["먼저 만든 태그"]);

        // A tag made elsewhere after this page read the list: its page reads the list again instead of "no such tag".
        var late = (await reader.PostAsync("/api/v1/tags/mine", new { name = "나중에 만든 태그", category = "TOPIC" })).GetProperty("code").GetString()!;
        await reader.AddMemoAsync(book, "나중에 단 메모", PageActions.TodayAt(10), page: 8, tags: [late], tagCategory: "TOPIC");
        await page.GotoAsync($"/#/tag/{late}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("나중에 만든 태그");
        await Expect(page.Locator(".tag-memos").GetByRole(AriaRole.Article).Filter(new() { HasText = "나중에 단 메모" })).ToHaveCountAsync(1);
        await Expect(page.GetByText("There is no such tag.")).ToHaveCountAsync(0);

        await page.GotoAsync("/#/flow?mode=TAG&tagCategory=TOPIC");
        await Expect(groups.Filter(new() { HasText = "나중에 만든 태그" })).ToHaveCountAsync(1);
        await Expect(groups).ToHaveCountAsync(2);
        await page.Context.CloseAsync();
    }
}
