using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Screens;

[Collection(BrowserCollection.Name)]
public sealed class SignUpAndLoginTests(BrowserFixture fixture)
{
    [Fact]
    public async Task SignUp_ChecksDuplicatesAndPolicyLive_ThenLoginOpensTheShelf()
    {
        using var existing = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign up" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign up", Level = 1 })).ToBeVisibleAsync();

        var loginId = page.GetByLabel("Login id");
        await loginId.FillAsync(existing.LoginId);
        await Expect(page.GetByText("This login id is already taken.")).ToBeVisibleAsync();
        await Expect(loginId).ToHaveAttributeAsync("aria-invalid", "true");

        var mine = ApiSeeder.NewLoginId("new");
        await loginId.FillAsync(mine);
        await Expect(loginId).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await page.GetByLabel("Email").FillAsync($"{existing.LoginId}@example.com");
        await Expect(page.GetByText("This email is already registered.")).ToBeVisibleAsync();
        await page.GetByLabel("Email").FillAsync($"{mine}@example.com");
        await page.GetByLabel("Name").FillAsync("New Reader");

        var policy = page.GetByRole(AriaRole.List, new() { Name = "Password rules" });
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("longenough");
        await Expect(policy.GetByText("At least 8 characters")).ToHaveAttributeAsync("data-met", "true");
        await Expect(policy.GetByText("At least one special character")).ToHaveAttributeAsync("data-met", "false");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("longenough!");
        await Expect(policy.GetByText("At least one special character")).ToHaveAttributeAsync("data-met", "true");
        await page.GetByLabel("Confirm password").FillAsync("longenough!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Level = 1 })).ToBeVisibleAsync();
        await Expect(PageActions.Toast(page, "Your account was created")).ToBeVisibleAsync();

        await page.GetByLabel("Login id").FillAsync(mine);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("wrong-password!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong password");

        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("longenough!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My shelf", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main menu" }).GetByRole(AriaRole.Link, new() { Name = "Profile" })).ToBeVisibleAsync();
        Assert.DoesNotContain(fixture.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Recover_FindsTheLoginId_AndResetsThePassword()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync(name: "Forgetful");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/#/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Find login id · Reset password" }).ClickAsync();

        var find = page.GetByRole(AriaRole.Form, new() { Name = "Find your login id" });
        await find.GetByLabel("Email").FillAsync($"{user.LoginId}@example.com");
        await find.GetByLabel("Name").FillAsync("Forgetful");
        await find.GetByRole(AriaRole.Button, new() { Name = "Find login id" }).ClickAsync();
        await Expect(find.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Your login id is {user.LoginId}.");

        var reset = page.GetByRole(AriaRole.Region, new() { Name = "Reset your password" });
        await reset.GetByLabel("Login id").FillAsync(user.LoginId);
        await reset.GetByLabel("Email").FillAsync($"{user.LoginId}@example.com");
        await reset.GetByRole(AriaRole.Button, new() { Name = "Verify account" }).ClickAsync();
        await reset.GetByLabel("New password").FillAsync("brand-new-1!");
        await reset.GetByLabel("Confirm password").FillAsync("brand-new-1!");
        await reset.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Level = 1 })).ToBeVisibleAsync();
        await PageActions.LoginAsync(page, user.LoginId, "brand-new-1!");
    }
}
