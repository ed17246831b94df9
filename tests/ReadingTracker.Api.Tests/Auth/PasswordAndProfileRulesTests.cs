using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Users;

namespace ReadingTracker.Api.Tests.Auth;

public sealed class PasswordAndProfileRulesTests
{
    [Fact]
    public void CheckNew_MatchingPolicyPassword_IsValid()
    {
        var v = new Validator();
        PasswordPolicy.CheckNew(v, "n3w-p@ssword", "n3w-p@ssword");
        Assert.True(v.IsValid);
    }

    [Fact]
    public void CheckNew_Mismatch_NamesOnlyConfirmPassword() =>
        Assert.Equal(["confirmPassword"], Fields(v => PasswordPolicy.CheckNew(v, "n3w-p@ssword", "n3w-p@sswort")));

    [Fact]
    public void CheckNew_WithoutSpecialCharacter_NamesNewPassword() =>
        Assert.Contains("newPassword", Fields(v => PasswordPolicy.CheckNew(v, "password1", "password1")));

    [Fact]
    public void CheckNew_Missing_NamesBothFields() =>
        Assert.Equal(["newPassword", "confirmPassword"], Fields(v => PasswordPolicy.CheckNew(v, null, null)));

    [Theory]
    [InlineData("Asia/Seoul", true)]
    [InlineData("Europe/Berlin", true)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("", false)]
    public void CheckTimeZone_AcceptsOnlyKnownZones(string zone, bool valid) =>
        Assert.Equal(valid, Fields(v => UserFields.CheckTimeZone(v, zone)).Count == 0);

    [Theory]
    [InlineData("reader@example.com", true)]
    [InlineData("  Reader@Example.com ", true)]
    [InlineData("reader@example", false)]
    [InlineData("two words@example.com", false)]
    public void CheckEmail_NeedsAnAddressShape(string email, bool valid) =>
        Assert.Equal(valid, Fields(v => UserFields.CheckEmail(v, email)).Count == 0);

    [Fact]
    public void NormalizeEmail_TrimsAndLowercases() =>
        Assert.Equal("reader@example.com", UserFields.NormalizeEmail("  Reader@Example.COM "));

    [Fact]
    public void CheckName_RejectsBlank_AcceptsAbsent()
    {
        Assert.Equal(["name"], Fields(v => UserFields.CheckName(v, "   ")));
        Assert.Empty(Fields(v => UserFields.CheckName(v, null)));
    }

    private static List<string> Fields(Action<Validator> check)
    {
        var v = new Validator();
        check(v);
        try
        {
            v.ThrowIfInvalid();
            return [];
        }
        catch (ValidationException e)
        {
            return e.Fields!.Select(f => f.Name).ToList();
        }
    }
}
