using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Screens;

[Collection(BrowserCollection.Name)]
public sealed class SearchAndShelfTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Search_PagesThroughResults_OpensTheBook_AndAddsItToTheShelf()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var page = await fixture.NewPageAsync();
        await PageActions.LoginAsync(page, user.LoginId);
        await page.GetByRole(AriaRole.Link, new() { Name = "Search books" }).ClickAsync();

        var search = page.GetByRole(AriaRole.Search);
        await search.GetByLabel("Search by").SelectOptionAsync(new SelectOptionValue { Label = "Title" });
        await search.GetByLabel("Search text").FillAsync("채식주의자");
        await search.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.GetByText($"{FakeBookResponses.AladinTotalResults} results")).ToBeVisibleAsync();
        await Expect(page.GetByText("Page 1 of 6")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(page.GetByText("Page 2 of 6")).ToBeVisibleAsync();
        Assert.Contains("page=2", page.Url, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Previous" }).ClickAsync();
        await Expect(page.GetByText("Page 1 of 6")).ToBeVisibleAsync();

        await search.GetByLabel("Search by").SelectOptionAsync(new SelectOptionValue { Label = "Author" });
        await search.GetByLabel("Search text").FillAsync("한강");
        await search.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "소년이 온다" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "채식주의자" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "채식주의자", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("247 pages")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to my shelf" }).ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Add \"채식주의자 <리커버>\" to my shelf" });
        await dialog.GetByLabel("Reading state").SelectOptionAsync(new SelectOptionValue { Label = "Almost finished" });
        await dialog.GetByLabel("Pages read").FillAsync("100");
        await Expect(dialog.GetByText("Almost finished means pages 201 to 246")).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add to shelf" }).ClickAsync();
        await Expect(dialog.GetByText("Almost finished means pages 201 to 246")).ToBeVisibleAsync();
        await dialog.GetByLabel("Reading state").SelectOptionAsync(new SelectOptionValue { Label = "To read" });
        await dialog.GetByLabel("Expectation").FillAsync("기대돼요");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add to shelf" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "채식주의자", Level = 1 })).ToBeVisibleAsync();
        await Expect(PageActions.Toast(page, "The book was added to your shelf.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start reading" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "My shelf", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "To read" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Link, new() { Name = "채식주의자" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ManualBook_StartsReading_MovesWithItsPages_FinishesAtTheLastPage_AndIsDeleted()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var page = await fixture.NewPageAsync();
        await PageActions.LoginAsync(page, user.LoginId);
        await page.GotoAsync("/#/add");
        await page.GetByLabel("Title").FillAsync("Parallel Lives");
        await page.GetByLabel("Author").FillAsync("Plutarch");
        await page.GetByLabel("Total pages").FillAsync("300");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to shelf" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Parallel Lives", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Start reading" }).ClickAsync();
        var start = page.GetByRole(AriaRole.Dialog, new() { Name = "Start reading" });
        await start.GetByLabel("Pages read").FillAsync("10");
        await start.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(page.GetByText("Page 10 of 300 (3%)")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Definition).Filter(new() { HasText = "Reading" }).First).ToBeVisibleAsync();

        // Inline page edit: 250 of 300 moves the book to Almost finished, and the move is announced.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit Pages read" }).ClickAsync();
        await page.GetByLabel("Pages read").FillAsync("250");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(PageActions.Toast(page, "Moved to \"Almost finished\".")).ToBeVisibleAsync();
        await Expect(page.GetByText("Page 250 of 300 (83%)")).ToBeVisibleAsync();

        // The last page asks to finish the book, with its date and rating.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit Pages read" }).ClickAsync();
        await page.GetByLabel("Pages read").FillAsync("300");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog, new() { Name = "That is the last page" }).GetByRole(AriaRole.Button, new() { Name = "Mark as finished" }).ClickAsync();
        var finish = page.GetByRole(AriaRole.Dialog, new() { Name = "Finish reading" });
        await finish.GetByRole(AriaRole.Radio, new() { Name = "4 stars" }).CheckAsync();
        await finish.GetByLabel("Review").FillAsync("Worth every page.");
        await finish.GetByRole(AriaRole.Button, new() { Name = "Mark as finished" }).ClickAsync();
        await Expect(PageActions.Toast(page, "Moved to \"Finished\".")).ToBeVisibleAsync();
        await Expect(page.GetByText("Worth every page.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "← My shelf" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Finished", Exact = true })).ToHaveAttributeAsync("aria-selected", "true");
        await page.GetByRole(AriaRole.Button, new() { Name = "More actions for Parallel Lives" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Remove from shelf" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Remove from shelf" });
        await Expect(confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByText("No books in \"Finished\".")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Shelf_ShowsFourTabs_SortsByTheChosenColumn_AndMovesWithArrowKeys()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        await user.AddBookAsync("Beta", 100, "Reading", 10, author: "Adams");
        await user.AddBookAsync("Alpha", 100, "Reading", 10, author: "Zola");
        await user.AddBookAsync("Gamma", 100, "ToRead");
        var page = await fixture.NewPageAsync();
        await PageActions.LoginAsync(page, user.LoginId);

        var tabs = page.GetByRole(AriaRole.Tablist, new() { Name = "Reading states" }).GetByRole(AriaRole.Tab);
        Assert.Equal(["To read", "Reading", "Almost finished", "Finished"], await tabs.AllInnerTextsAsync());
        var titles = page.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Heading, new() { Level = 2 });
        await Expect(titles).ToHaveTextAsync(["Alpha", "Beta"]);
        await page.GetByLabel("Sort by").SelectOptionAsync("AUTHOR");
        await Expect(titles).ToHaveTextAsync(["Beta", "Alpha"]);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Reading", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "To read" })).ToBeFocusedAsync();
        await Expect(titles).ToHaveTextAsync(["Gamma"]);
        await Expect(page.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
    }
}
