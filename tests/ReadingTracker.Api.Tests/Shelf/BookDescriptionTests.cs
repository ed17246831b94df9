using ReadingTracker.Api.Books;
using ReadingTracker.Api.Shelf;

namespace ReadingTracker.Api.Tests.Shelf;

public sealed class BookDescriptionTests
{
    private static readonly BookDescription Provided = BookDescription.From(new BookDetail(
        "9788936434120", "9788936434120", "소년이 온다", "한강", "창비", "2014-05-19", "https://image.aladin.co.kr/c.jpg", "", 216, "소설"));

    [Fact]
    public void ARequestSendingTheProvidersFields_OrLeavingThemOut_DescribesTheProvidersBook()
    {
        Assert.True(Provided.IsDescribedBy(Provided));
        Assert.True(Provided.IsDescribedBy(new BookDescription(" 소년이 온다 ", "한강", null, null, null, null, null, null)));
    }

    [Theory]
    [InlineData("Poison", null)]
    [InlineData("소년이 온다", 2)]
    public void AnythingTypedDifferently_IsTheUsersOwn(string title, int? pages) =>
        Assert.False(Provided.IsDescribedBy(new BookDescription(title, "한강", null, null, null, pages, null, null)));

    [Fact]
    public void ProviderData_IsCutToTheCatalogueColumns_AndAMissingAuthorIsTheClientsDash()
    {
        var book = BookDescription.From(new BookDetail("1", null, new string('t', 300), null, null, null, "https://x/" + new string('c', 600), null, null, null));
        Assert.Equal(255, book.Title.Length);
        Assert.Equal("-", book.Author);
        Assert.Null(book.CoverUrl);
    }
}
