namespace ReadingTracker.Api.TestSupport.Books;

/// <summary>Canned provider answers in the shapes Aladin (Output=JS, Version=20131101) and Open Library really send.</summary>
public static class FakeBookResponses
{
    public const string AladinInvalidKey = """{"errorCode":3,"errorMessage":"잘못된 TTBKey 입니다."};""";

    public const int AladinTotalResults = 57;

    public static string AladinSearch(string query, string start, string maxResults) => $$$"""
        {"version":"20131101","logo":"http://image.aladin.co.kr/img/header/2011/aladin_logo_new.gif","title":"알라딘 검색결과 - {{{query}}}",
        "link":"http://www.aladin.co.kr/search/wsearchresult.aspx?SearchTarget=Book","pubDate":"Mon, 20 Jan 2025 01:00:00 GMT",
        "totalResults":{{{AladinTotalResults}}},"startIndex":{{{start}}},"itemsPerPage":{{{maxResults}}},"query":"{{{query}}}","searchCategoryId":0,"searchCategoryName":"","item":[
        {"title":"채식주의자 &lt;리커버&gt;","link":"http://www.aladin.co.kr/shop/wproduct.aspx?ItemId=287936406","author":"한강 (지은이)","pubDate":"2022-03-28",
         "description":"2016년 맨부커 인터내셔널상 수상작.","isbn":"8936434594","isbn13":"9788936434595","itemId":287936406,"priceSales":13500,"priceStandard":15000,
         "mallType":"BOOK","stockStatus":"","mileage":750,"cover":"https://image.aladin.co.kr/product/28793/64/cover500/8936434594_2.jpg","categoryId":50993,
         "categoryName":"국내도서>소설/시/희곡>한국소설>2000년대 이후 한국소설","publisher":"창비","salesPoint":283000,"adult":false,"fixedPrice":true,"customerReviewRank":9,"subInfo":{}},
        {"title":"소년이 온다","link":"http://www.aladin.co.kr/shop/wproduct.aspx?ItemId=40869703","author":"한강 (지은이)","pubDate":"2014-05-19","description":"",
         "isbn":"","isbn13":"9788936434120","itemId":40869703,"priceSales":13500,"priceStandard":15000,"mallType":"BOOK","stockStatus":"","mileage":750,
         "cover":"https://image.aladin.co.kr/product/4086/97/cover500/8936434128_2.jpg","categoryId":50993,"categoryName":"국내도서>소설/시/희곡>한국소설",
         "publisher":"창비","salesPoint":250000,"adult":false,"fixedPrice":true,"customerReviewRank":10,"subInfo":{}},
        {"title":"채식주의자 (eBook)","link":"http://www.aladin.co.kr/shop/wproduct.aspx?ItemId=392930716","author":"한강 (지은이)","pubDate":"2022-03-28","description":"",
         "isbn":"K392930716","isbn13":"","itemId":392930716,"priceSales":10500,"priceStandard":10500,"mallType":"EBOOK","stockStatus":"","mileage":0,
         "cover":"https://image.aladin.co.kr/product/39293/7/cover500/k392930716_1.jpg","categoryId":50993,"categoryName":"eBook>소설/시/희곡","publisher":"창비",
         "salesPoint":1000,"adult":false,"fixedPrice":true,"customerReviewRank":0,"subInfo":{}}
        ]};
        """;

    public const string AladinLookupVegetarian = """
        {"version":"20131101","logo":"http://image.aladin.co.kr/img/header/2011/aladin_logo_new.gif","title":"알라딘 상품정보 - 채식주의자",
        "link":"http://www.aladin.co.kr/shop/wproduct.aspx?ItemId=287936406","pubDate":"Mon, 20 Jan 2025 01:00:00 GMT","totalResults":1,"startIndex":1,"itemsPerPage":1,
        "query":"isbn=9788936434595","searchCategoryId":0,"searchCategoryName":"","item":[
        {"title":"채식주의자 &lt;리커버&gt;","link":"http://www.aladin.co.kr/shop/wproduct.aspx?ItemId=287936406","author":"한강 (지은이)","pubDate":"2022-03-28",
         "description":"2016년 맨부커 인터내셔널상 수상작.","isbn":"8936434594","isbn13":"9788936434595","itemId":287936406,"priceSales":13500,"priceStandard":15000,
         "mallType":"BOOK","stockStatus":"","mileage":750,"cover":"https://image.aladin.co.kr/product/28793/64/cover500/8936434594_2.jpg","categoryId":50993,
         "categoryName":"국내도서>소설/시/희곡>한국소설>2000년대 이후 한국소설","publisher":"창비","salesPoint":283000,"adult":false,"fixedPrice":true,"customerReviewRank":9,
         "subInfo":{"subTitle":"","originalTitle":"","itemPage":247,"packing":{"styleDesc":"반양장본","weight":340,"sizeDepth":15,"sizeHeight":210,"sizeWidth":140}}}
        ]};
        """;

    public const string AladinLookupHumanActs = """
        {"version":"20131101","logo":"http://image.aladin.co.kr/img/header/2011/aladin_logo_new.gif","title":"알라딘 상품정보 - 소년이 온다",
        "link":"http://www.aladin.co.kr/shop/wproduct.aspx?ItemId=40869703","pubDate":"Mon, 20 Jan 2025 01:00:00 GMT","totalResults":1,"startIndex":1,"itemsPerPage":1,
        "query":"isbn=9788936434120","searchCategoryId":0,"searchCategoryName":"","item":[
        {"title":"소년이 온다","link":"http://www.aladin.co.kr/shop/wproduct.aspx?ItemId=40869703","author":"한강 (지은이)","pubDate":"2014-05-19","description":"",
         "isbn":"","isbn13":"9788936434120","itemId":40869703,"priceSales":13500,"priceStandard":15000,"mallType":"BOOK","stockStatus":"","mileage":750,
         "cover":"https://image.aladin.co.kr/product/4086/97/cover500/8936434128_2.jpg","categoryId":50993,"categoryName":"국내도서>소설/시/희곡>한국소설",
         "publisher":"창비","salesPoint":250000,"adult":false,"fixedPrice":true,"customerReviewRank":10,"subInfo":{"subTitle":"","originalTitle":"","itemPage":216}}
        ]};
        """;

    public const string AladinLookupEmpty = """
        {"version":"20131101","logo":"http://image.aladin.co.kr/img/header/2011/aladin_logo_new.gif","title":"알라딘 상품정보","link":"","pubDate":"Mon, 20 Jan 2025 01:00:00 GMT",
        "totalResults":0,"startIndex":1,"itemsPerPage":1,"query":"","searchCategoryId":0,"searchCategoryName":"","item":[]};
        """;

    public const int OpenLibraryNumFound = 1234;

    public const string OpenLibrarySearch = """
        {"numFound":1234,"start":0,"numFoundExact":true,"num_found":1234,"documentation_url":"https://openlibrary.org/dev/docs/api/search","q":"","offset":null,"docs":[
        {"key":"/works/OL1168083W","title":"Nineteen Eighty-Four","author_name":["George Orwell"],"publisher":["Signet Classics","Secker & Warburg"],
         "isbn":["0451524934","9780451524935","9780000000000"],"number_of_pages_median":328,"first_publish_year":1949,"cover_i":8575708},
        {"key":"/works/OL2000001W","title":"Orwell: A Life in Letters","author_name":["George Orwell"]},
        {"key":"/works/OL1168007W","title":"Animal Farm","author_name":["George Orwell"],"isbn":["0452284244"],"first_publish_year":1945}
        ]}
        """;

    public const string OpenLibraryEdition1984 = """
        {"publishers":["Signet Classics"],"number_of_pages":328,"isbn_10":["0451524934"],"covers":[8575708],"key":"/books/OL7353617M",
         "authors":[{"key":"/authors/OL118077A"}],"title":"Nineteen Eighty-Four","publish_date":"July 1, 1950","works":[{"key":"/works/OL1168083W"}],
         "isbn_13":["9780451524935"],"description":{"type":"/type/text","value":"A dystopian novel."},"subjects":["Totalitarianism"],
         "type":{"key":"/type/edition"},"latest_revision":14,"revision":14}
        """;

    public const string OpenLibraryEditionAnimalFarm = """
        {"publishers":["Plume"],"isbn_10":["0452284244"],"key":"/books/OL9999999M","authors":[{"key":"/authors/OL118077A"}],"title":"Animal Farm",
         "publish_date":"2003","works":[{"key":"/works/OL1168007W"}],"type":{"key":"/type/edition"}}
        """;

    public const string OpenLibraryAuthorOrwell = """{"name":"George Orwell","key":"/authors/OL118077A","type":{"key":"/type/author"}}""";
}
