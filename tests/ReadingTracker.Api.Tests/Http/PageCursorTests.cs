using System.Text;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Tests.Http;

public sealed class PageCursorTests
{
    private static PageCursor? Decode(string? text, char kind = 'm', bool numericKey = true)
    {
        var v = new Validator();
        var cursor = PageCursor.Decode(v, text, kind, numericKey);
        Assert.Equal(cursor is not null || text is null, v.IsValid);
        return cursor;
    }

    private static string B64(string plain) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(plain));

    [Fact]
    public void Cursor_RoundTrips_ItsKindKeyAndId()
    {
        var text = new PageCursor('m', "1793491200000", 123456789012345).Encode();

        var cursor = Decode(text);

        Assert.Equal(new PageCursor('m', "1793491200000", 123456789012345), cursor);
        Assert.Equal(1793491200000, cursor!.NumericKey);
    }

    [Fact]
    public void TextKey_MayHoldTheSeparator_AndAnyLanguage()
    {
        var text = new PageCursor('s', "책 | 제목", 42).Encode();

        Assert.Equal("책 | 제목", Decode(text, 's', numericKey: false)!.Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor!")]
    [InlineData("bXwxfDI=")] // padded: not the canonical spelling
    [InlineData("%%%")]
    [InlineData("////")]
    public void Garbage_IsAFieldError(string text) => Assert.Null(Decode(text));

    [Theory]
    [InlineData("m|abc|1")] // a text key where a number belongs
    [InlineData("m|1|x")] // no id
    [InlineData("m|1")] // one part missing
    [InlineData("d|1|2")] // another list's cursor
    [InlineData("mm|1|2")]
    [InlineData("m|99999999999999999999|2")] // beyond a long
    public void WellEncodedButWrong_IsAFieldError(string plain) => Assert.Null(Decode(B64(plain)));

    [Fact]
    public void InvalidUtf8_IsAFieldError() =>
        Assert.Null(Decode(System.Buffers.Text.Base64Url.EncodeToString([0x6d, 0x7c, 0xff, 0x7c, 0x31])));

    [Fact]
    public void AnOverlongCursor_IsRefusedBeforeDecoding() => Assert.Null(Decode(new string('A', 2000)));

    [Fact]
    public void NoCursor_IsTheFirstPage_AndNoError() => Assert.Null(Decode(null));

    [Theory]
    [InlineData(null, 200)]
    [InlineData(1, 1)]
    [InlineData(500, 500)]
    public void Limit_InRange_OrTheDefault(int? limit, int expected)
    {
        var v = new Validator();
        Assert.Equal(expected, Paging.Limit(v, limit, PageSize.Memos));
        Assert.True(v.IsValid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(201)]
    public void Limit_OutOfRange_IsAFieldError(int limit)
    {
        var v = new Validator();
        Paging.Limit(v, limit, PageSize.Lists);
        var error = Assert.Throws<ValidationException>(v.ThrowIfInvalid);
        Assert.Equal("limit", Assert.Single(error.Fields!).Name);
    }

    [Fact]
    public void Page_WithARowMoreThanTheLimit_HasTheCursorOfItsLastRow()
    {
        var page = Page<int>.From([1, 2, 3], 2, i => new PageCursor('m', "0", i));

        Assert.Equal([1, 2], page.Items);
        Assert.Equal(new PageCursor('m', "0", 2).Encode(), page.NextCursor);
        Assert.Null(Page<int>.From([1, 2], 2, i => new PageCursor('m', "0", i)).NextCursor);
    }
}
