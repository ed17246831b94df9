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

        // Signing up signs in (issue 13); the login screen still refuses a wrong password and takes the right one.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My shelf", Level = 1 })).ToBeVisibleAsync();
        await Expect(PageActions.Toast(page, "Welcome, New Reader.")).ToBeVisibleAsync();
        await page.GotoAsync("/#/login");

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
    public async Task Recover_MailsTheLoginId_AndAResetLinkThatSetsTheNewPassword()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync(name: "Forgetful");
        var address = $"{user.LoginId}@example.com";
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/#/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Find login id · Reset password" }).ClickAsync();

        var find = page.GetByRole(AriaRole.Form, new() { Name = "Find your login id" });
        await find.GetByLabel("Email").FillAsync(address);
        await find.GetByLabel("Name").FillAsync("Forgetful");
        await find.GetByRole(AriaRole.Button, new() { Name = "Mail me my login id" }).ClickAsync();
        await Expect(find.GetByRole(AriaRole.Status)).ToContainTextAsync("Please check your mail.");
        await Expect(find).Not.ToContainTextAsync(user.LoginId);
        Assert.Contains(user.LoginId, (await MailToAsync(address, 1)).TextBody, StringComparison.Ordinal);

        var verify = page.GetByRole(AriaRole.Form, new() { Name = "Reset your password" });
        await verify.GetByLabel("Login id").FillAsync(user.LoginId);
        await verify.GetByLabel("Email").FillAsync(address);
        await verify.GetByRole(AriaRole.Button, new() { Name = "Mail me a reset link" }).ClickAsync();
        await Expect(verify.GetByRole(AriaRole.Status)).ToContainTextAsync("Please check your mail.");

        // The mailed link, opened as the recipient would (its host is the configured public URL; the test server's port is its own).
        var link = (await MailToAsync(address, 2)).TextBody!.Split('\n').Single(l => l.Contains("#/reset?token=", StringComparison.Ordinal)).Trim();
        await page.GotoAsync("/" + link[link.IndexOf('#', StringComparison.Ordinal)..]);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose a new password", Level = 1 })).ToBeVisibleAsync();
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("brand-new-1!");
        await page.GetByLabel("Confirm password", new() { Exact = true }).FillAsync("brand-new-1!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Level = 1 })).ToBeVisibleAsync();
        await PageActions.LoginAsync(page, user.LoginId, "brand-new-1!");
    }

    /// <summary>The n-th mail to the address (mails leave the server in the background).</summary>
    private async Task<MimeKit.MimeMessage> MailToAsync(string address, int number)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var mails = Directory.Exists(fixture.App.MailDirectory)
                ? Directory.GetFiles(fixture.App.MailDirectory, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeKit.MimeMessage.Load(f))
                    .Where(m => m.To.Mailboxes.Any(b => b.Address == address)).ToList()
                : [];
            if (mails.Count >= number)
            {
                return mails[number - 1];
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"{mails.Count} of {number} mails to {address} arrived.");
            await Task.Delay(50);
        }
    }
}
