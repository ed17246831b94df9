using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Admin;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Books;
using ReadingTracker.Api.Housekeeping;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Idempotency;
using ReadingTracker.Api.Mail;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Quota;
using ReadingTracker.Api.Recovery;

namespace ReadingTracker.Api.Tests.Startup;

/// <summary>
/// Every options class is validated when the host starts, and a wrong value stops start-up with a message naming
/// its key. The registrations are the server's own (the Add… calls of Program.cs that bind options); nothing
/// starts, so no database is touched.
/// </summary>
public sealed class StartupOptionsTests
{
    /// <summary>One wrong value per options class; a new options class must be added here to be covered.</summary>
    public static TheoryData<Type, string, string> WrongValues => new()
    {
        { typeof(DatabaseOptions), "Database:CircuitBreakSeconds", "-1" },
        { typeof(JwtOptions), "Jwt:Secret", "too short" },
        { typeof(AuthOptions), "Auth:DefaultTimeZone", "Mars/Olympus_Mons" },
        { typeof(IdempotencyOptions), "Idempotency:KeyLifetime", "00:00:00" },
        { typeof(RecoveryOptions), "Recovery:IntervalSeconds", "0" },
        { typeof(AlertOptions), "Alerts:WebhookUrl", "not a url" },
        { typeof(HousekeepingOptions), "Housekeeping:BatchSize", "0" },
        { typeof(WriteQuotaOptions), "Quota:WriteRowsPerMinute", "99" },
        { typeof(EmailOptions), "Email:PublicBaseUrl", "ftp://example.com/" },
        { typeof(AladinOptions), "Aladin:BaseUrl", "aladin" },
        { typeof(OpenLibraryOptions), "OpenLibrary:Retries", "6" },
        { typeof(BookCacheOptions), "BookCache:SearchMinutes", "0" },
        { typeof(RequestLimitsOptions), "Http:MaxRequestHeaderCount", "0" },
        { typeof(ProxyOptions), "Proxy:TrustedProxies:0", "balancer.local" },
    };

    /// <summary>Options with no value that could be wrong: still bound and checked at start-up, so a value that does not convert stops it.</summary>
    private static readonly Type[] WithoutRules = [typeof(AdminOptions)];

    [Fact]
    public void TheDefaults_PassValidation() => Validate(new Dictionary<string, string?>());

    [Fact]
    public void TheShippedAppSettings_PassValidation()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryRoot(), "src", "ReadingTracker.Api", "appsettings.json")).Build();

        Validate(configuration.AsEnumerable().Where(p => p.Value is not null).ToDictionary());
    }

    [Theory]
    [MemberData(nameof(WrongValues))]
    public void AWrongValue_FailsStartUp_NamingItsKey(Type options, string key, string value)
    {
        var error = Assert.ThrowsAny<Exception>(() => Validate(new Dictionary<string, string?> { [key] = value }));

        // Options read while configuring others (the book clients' resilience handlers) fail those too: one aggregate.
        var failures = error is AggregateException all ? all.Flatten().InnerExceptions : [error];
        Assert.Contains(failures, f => f is OptionsValidationException v && v.OptionsType == options && v.Message.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryOptionsClass_IsValidatedAtStartUp_AndCoveredAbove()
    {
        var covered = WrongValues.Select(row => (Type)row[0]).Concat(WithoutRules).ToHashSet();
        var optionsTypes = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsNested: false } && t.Name.EndsWith("Options", StringComparison.Ordinal))
            .Where(t => !IsPartOfAnotherOptionsClass(t))
            .ToList();
        using var host = Build(new Dictionary<string, string?>());

        Assert.All(optionsTypes, t => Assert.Contains(t, covered));
        Assert.All(optionsTypes, t => Assert.NotEmpty(host.Services.GetServices(typeof(IValidateOptions<>).MakeGenericType(t))));
    }

    [Fact]
    public void AValueThatDoesNotConvert_FailsStartUp_NamingItsKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Validate(new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" }));

        Assert.Contains("Database:Provider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryWrongValue_IsReported_NotOnlyTheFirst()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Validate(new Dictionary<string, string?>
        {
            ["Database:RetryAfterSeconds"] = "0",
            ["Database:ReadAttemptTimeoutMilliseconds"] = "0",
        }));

        Assert.Equal(
            ["The field Database:RetryAfterSeconds must be between 1 and 3600.", "The field Database:ReadAttemptTimeoutMilliseconds must be between 1 and 600000."],
            error.Failures);
    }

    [Fact]
    public async Task StartingTheHost_WithAWrongValue_Throws_BeforeAnyServiceStarts()
    {
        using var host = Build(new Dictionary<string, string?> { ["Quota:WriteRowsPerMinute"] = "10" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("Quota:WriteRowsPerMinute must be at least 100 (one full memo batch).", Assert.Single(error.Failures));
    }

    [Theory]
    [InlineData("Jwt:RefreshTokenDays", "0")]
    [InlineData("Auth:ResetTokenMinutes", "0")]
    [InlineData("Jwt:RefreshReuseLeewaySeconds", "0")]
    [InlineData("Auth:PasswordHashIterations", "1000")]
    [InlineData("Recovery:IntervalSeconds", "2400000")]
    [InlineData("Housekeeping:IntervalMinutes", "40000")]
    [InlineData("Idempotency:KeyLifetime", "00:00:02")]
    [InlineData("Database:Provider", "mysql")]
    [InlineData("Alerts:WebhookUrl", "")]
    public void EdgeValuesTheTestsAndOperatorsUse_StillPass(string key, string value) =>
        Validate(new Dictionary<string, string?> { [key] = value });

    [Fact]
    public void ANestedSection_IsValidatedUnderItsOwnKey()
    {
        var errors = ValidatedOptions.Errors(new Outer { Inner = { Count = 0 } }, "Outer");

        Assert.Equal(["The field Outer:Inner:Count must be between 1 and 5."], errors);
    }

    private static void Validate(Dictionary<string, string?> settings)
    {
        using var host = Build(settings);
        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Path.GetTempPath() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), "rt-options-tests"),
            ["ConnectionStrings:Primary"] = "Data Source=:memory:",
            ["ConnectionStrings:Secondary"] = "",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddApiHttp();
        builder.AddPersistence();
        builder.AddRecovery();
        builder.AddHousekeeping();
        builder.AddAuth();
        builder.AddMail();
        builder.AddIdempotency();
        builder.AddWriteQuota();
        builder.AddBookSearch();
        builder.AddAdmin();
        return builder.Build();
    }

    private static bool IsPartOfAnotherOptionsClass(Type type) =>
        typeof(EmailOptions).GetProperties().Any(p => p.PropertyType == type);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReadingTracker.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("ReadingTracker.slnx not found above " + AppContext.BaseDirectory);
    }

    private sealed class Outer
    {
        [ValidateObjectMembers]
        public InnerOptions Inner { get; } = new();
    }

    private sealed class InnerOptions
    {
        [Range(1, 5)]
        public int Count { get; set; } = 1;
    }
}
