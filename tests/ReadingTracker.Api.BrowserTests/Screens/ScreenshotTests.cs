using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Screens;

/// <summary>Saves the main screens as PNGs into TestResults/docs/screenshots (docs/screenshots, shown in the README, with RT_REFRESH_DOCS=1), from a reader with a real-looking day.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture fixture)
{
    [Fact]
    public async Task MainScreens_AreCapturedIntoDocsScreenshots()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync(name: "김독서");
        var vegetarian = await user.AddBookAsync("채식주의자", 247, "Reading", 120, author: "한강");
        var humanActs = await user.AddBookAsync("소년이 온다", 216, "AlmostFinished", 190, author: "한강");
        await user.AddBookAsync("Meditations", 304, "Reading", 40, author: "Marcus Aurelius");
        await user.AddBookAsync("작별하지 않는다", 332, "ToRead", author: "한강");
        await user.AddMemoAsync(vegetarian, "꿈 이야기로 시작하는 첫 장. 화자가 바뀔 때마다 같은 사건이 다르게 보인다.", PageActions.TodayAt(95), page: 98, tags: ["summary", "plot"]);
        await user.AddMemoAsync(vegetarian, "\"나는 이제 동물이 아니야.\"", PageActions.TodayAt(80), page: 112, tags: ["quote", "character"]);
        await user.AddMemoAsync(humanActs, "동호의 시선으로 본 도청 앞 광장. 숨이 막힌다.", PageActions.TodayAt(50), page: 185, tags: ["feeling", "emotion"]);
        await user.AddMemoAsync(humanActs, "왜 기억하는 일이 이렇게 고통스러운가?", PageActions.TodayAt(35), page: 190, tags: ["question", "society"]);
        await user.AddMemoAsync(vegetarian, "가족이라는 이름의 폭력 — 다음 장에서 다시 보기.", PageActions.TodayAt(10), page: 120, tags: ["idea"]);

        var guest = await fixture.NewPageAsync();
        await guest.GotoAsync("/");
        await Expect(guest.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await PageActions.ScreenshotAsync(guest, "home");

        var page = await fixture.NewPageAsync(height: 760);
        await PageActions.LoginAsync(page, user.LoginId);
        await Expect(page.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Heading, new() { Name = "Meditations" })).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(5500); // let the welcome toast go
        await PageActions.ScreenshotAsync(page, "shelf");

        await page.GotoAsync($"/#/book/{vegetarian}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "채식주의자", Level = 1 })).ToBeVisibleAsync();
        await PageActions.ScreenshotAsync(page, "book-detail");

        await page.GotoAsync("/#/flow");
        await Expect(page.Locator(".flow-list").GetByRole(AriaRole.Article)).ToHaveCountAsync(5);
        await PageActions.ScreenshotAsync(page, "today-flow");

        await page.GetByRole(AriaRole.Button, new() { Name = "Calendar" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Tag", Exact = true }).CheckAsync();
        await Expect(page.Locator(".flow-list").GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToHaveTextAsync("Summary");
        await PageActions.ScreenshotAsync(page, "today-flow-by-tag");

        await page.GetByRole(AriaRole.Button, new() { Name = "Write a memo" }).ClickAsync();
        var editor = page.GetByRole(AriaRole.Form, new() { Name = "Write a memo" });
        await editor.GetByRole(AriaRole.Checkbox, new() { Name = "Quote" }).ClickAsync();
        await editor.GetByRole(AriaRole.Checkbox, new() { Name = "Lesson" }).ClickAsync();
        await editor.GetByLabel("Memo").FillAsync("Each chapter changes the narrator — the same scene, three ways.");
        await PageActions.ScreenshotAsync(page, "memo-editor");

        await page.GotoAsync("/#/profile");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Signed-in devices" }).GetByText("Seeder phone")).ToBeVisibleAsync();
        await PageActions.ScreenshotAsync(page, "profile");

        var phone = await fixture.NewPageAsync(locale: "ko-KR", width: 390, height: 844);
        await phone.GotoAsync("/#/login");
        await phone.GetByLabel("아이디").FillAsync(user.LoginId);
        await phone.GetByLabel("비밀번호", new() { Exact = true }).FillAsync(ApiSeeder.Password);
        await phone.GetByRole(AriaRole.Button, new() { Name = "로그인", Exact = true }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "내 서재", Level = 1 })).ToBeVisibleAsync();
        await phone.GotoAsync("/#/flow");
        await Expect(phone.Locator(".flow-list").GetByRole(AriaRole.Article)).ToHaveCountAsync(5);
        await phone.WaitForTimeoutAsync(5500);
        await PageActions.ScreenshotAsync(phone, "today-flow-phone-ko");

        var folder = Path.Combine(PageActions.DocsOutput, "screenshots");
        foreach (var name in new[] { "home", "shelf", "book-detail", "today-flow", "today-flow-by-tag", "memo-editor", "profile", "today-flow-phone-ko" })
        {
            Assert.True(new FileInfo(Path.Combine(folder, name + ".png")).Length > 5_000, name);
        }
    }
}
