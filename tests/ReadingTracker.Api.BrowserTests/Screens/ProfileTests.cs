using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Screens;

[Collection(BrowserCollection.Name)]
public sealed class ProfileTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Profile_EditsDetails_ChangesPassword_RevokesAnotherDevice_AndLogsOut()
    {
        // The seeder's own login is the "other device" (Seeder phone, ANDROID).
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync(name: "Before");
        var page = await fixture.NewPageAsync();
        await PageActions.LoginAsync(page, user.LoginId);
        await page.GetByRole(AriaRole.Link, new() { Name = "Profile" }).ClickAsync();

        var details = page.GetByRole(AriaRole.Form, new() { Name = "My details" });
        await Expect(details.GetByText($"Login id: {user.LoginId}")).ToBeVisibleAsync();
        await details.GetByLabel("Name").FillAsync("After");
        await details.GetByLabel("Time zone").SelectOptionAsync("Europe/London");
        await details.GetByLabel("Email").FillAsync("not-an-email");
        await details.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(details.GetByText("Not a valid email address.")).ToBeVisibleAsync();
        await Expect(details.GetByLabel("Email")).ToHaveAttributeAsync("aria-invalid", "true");
        await details.GetByLabel("Email").FillAsync($"after-{user.LoginId}@example.com");
        await details.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(PageActions.Toast(page, "Profile saved.")).ToBeVisibleAsync();
        var me = await user.GetAsync("/api/v1/users/me");
        Assert.Equal("After", me.GetProperty("name").GetString());
        Assert.Equal("Europe/London", me.GetProperty("timeZone").GetString());

        var password = page.GetByRole(AriaRole.Form, new() { Name = "Change password" });
        await password.GetByLabel("Current password").FillAsync("not-my-password!");
        await password.GetByLabel("New password").FillAsync("another-one-2!");
        await password.GetByLabel("Confirm password").FillAsync("another-one-2!");
        await password.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(password.GetByRole(AriaRole.Alert)).Not.ToBeEmptyAsync();
        await password.GetByLabel("Current password").FillAsync(ApiSeeder.Password);
        await password.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(PageActions.Toast(page, "The password was changed.")).ToBeVisibleAsync();

        var devices = page.GetByRole(AriaRole.Region, new() { Name = "Signed-in devices" });
        await Expect(devices.GetByText("This device")).ToBeVisibleAsync();
        await devices.GetByRole(AriaRole.Button, new() { Name = "Log out device Seeder phone" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog, new() { Name = "Log out a device" }).GetByRole(AriaRole.Button, new() { Name = "Log out device" }).ClickAsync();
        await Expect(PageActions.Toast(page, "The device was logged out.")).ToBeVisibleAsync();
        await Expect(devices.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Seeder phone" }).GetByText("Logged out")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main menu" }).GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeVisibleAsync();
        await page.GotoAsync("/#/profile");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Level = 1 })).ToBeVisibleAsync();
    }
}
